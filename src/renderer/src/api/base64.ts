// Bytes to base64 and back in the browser. Encoding goes in slices: spreading a whole 3 MB piece
// into String.fromCharCode would overflow the call stack.
const slice = 0x8000;

export function bytesToBase64(bytes: Uint8Array): string {
  let binary = '';
  for (let at = 0; at < bytes.length; at += slice) {
    binary += String.fromCharCode(...bytes.subarray(at, at + slice));
  }
  return btoa(binary);
}

export function base64ToBytes(text: string): Uint8Array<ArrayBuffer> {
  const binary = atob(text);
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
  return bytes;
}

/** A Blob's bytes as base64: the browser's own encoder (FileReader) where there is one. */
export async function blobToBase64(blob: Blob): Promise<string> {
  if (typeof FileReader === 'undefined') return bytesToBase64(new Uint8Array(await blob.arrayBuffer()));
  const url = await new Promise<string>((resolve, reject) => {
    const reader = new FileReader();
    reader.onload = () => resolve(String(reader.result));
    reader.onerror = () => reject(reader.error ?? new Error('The file could not be read'));
    reader.readAsDataURL(blob);
  });
  // `data:<type>;base64,<data>`; an empty blob gives `data:` with nothing after the comma.
  return url.slice(url.indexOf(',') + 1);
}
