// Which files of a picked folder are an unzipped ChatGPT export's conversations, in the order to import.
const chatGptPart = /(^|\/)conversations(-\d+)?\.json$/i;

/** From a picked export folder: its conversations.json or conversations-NNN.json parts, in order. */
export function conversationFilesOf(files: readonly File[]): File[] {
  const path = (f: File) => f.webkitRelativePath || f.name;
  return files
    .filter((f) => chatGptPart.test(path(f)))
    .sort((a, b) => path(a).localeCompare(path(b), 'en', { numeric: true }));
}
