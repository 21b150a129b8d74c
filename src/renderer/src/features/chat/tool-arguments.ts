// A call's arguments as the user checks them before allowing it: JSON indented, every token exactly
// as the model wrote it (no number rounded, no escape decoded, as parsing and printing again
// would), and anything that is not JSON as the raw text.

/** The arguments indented when they are JSON; as written otherwise; '' when there are none. */
export function shownArguments(raw: string): string {
  if (raw.trim() === '') return '';
  try {
    JSON.parse(raw);
  } catch {
    return raw;
  }
  return indentJson(raw);
}

/** Re-indents valid JSON text by its punctuation, copying strings and scalars untouched. */
function indentJson(text: string): string {
  let out = '';
  let depth = 0;
  let inString = false;
  let escaped = false;
  const newline = () => '\n' + '  '.repeat(depth);
  for (let i = 0; i < text.length; i++) {
    const ch = text[i]!;
    if (inString) {
      out += ch;
      if (escaped) escaped = false;
      else if (ch === '\\') escaped = true;
      else if (ch === '"') inString = false;
      continue;
    }
    switch (ch) {
      case '"':
        inString = true;
        out += ch;
        break;
      case '{':
      case '[': {
        // An empty object or array stays on its line.
        let next = i + 1;
        while (next < text.length && /\s/.test(text[next]!)) next++;
        if (text[next] === (ch === '{' ? '}' : ']')) {
          out += ch + text[next];
          i = next;
          break;
        }
        depth++;
        out += ch + newline();
        break;
      }
      case '}':
      case ']':
        depth--;
        out += newline() + ch;
        break;
      case ',':
        out += ',' + newline();
        break;
      case ':':
        out += ': ';
        break;
      case ' ':
      case '\t':
      case '\n':
      case '\r':
        break;
      default:
        out += ch;
    }
  }
  return out;
}
