/** True when a key press belongs to a control that uses the arrow keys itself (text fields, sliders, selects). */
export function isTypingTarget(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false;
  if (target.isContentEditable) return true;
  const tag = target.tagName;
  if (tag === 'TEXTAREA' || tag === 'SELECT') return true;
  if (tag === 'INPUT') return true;
  const role = target.getAttribute('role');
  return role === 'slider' || role === 'listbox' || role === 'radiogroup';
}
