// React Aria's buttons add a <style> for their touch-action, which the CSP refuses; it adds none when an
// element has its id, so one is claimed here (the rule itself is in base.css).
const id = 'react-aria-pressable-style';

export function claimPressStyle(): void {
  if (typeof document === 'undefined' || document.getElementById(id)) return;
  const marker = document.createElement('meta');
  marker.id = id;
  document.head.append(marker);
}
