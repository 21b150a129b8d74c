// An image shown from a Blob through a `blob:` URL made here and revoked when the image goes
// (the CSP allows `blob:` for images; remote images stay blocked). The URL is set on the element
// directly, so React never renders a URL that was already revoked.
import { useEffect, useRef } from 'react';

export function BlobImage({ blob, alt, className }: { blob: Blob; alt: string; className?: string }) {
  const ref = useRef<HTMLImageElement>(null);
  useEffect(() => {
    const img = ref.current;
    if (!img) return;
    const url = URL.createObjectURL(blob);
    img.src = url;
    return () => {
      img.removeAttribute('src');
      URL.revokeObjectURL(url);
    };
  }, [blob]);
  return <img ref={ref} alt={alt} className={className} decoding="async" draggable={false} />;
}
