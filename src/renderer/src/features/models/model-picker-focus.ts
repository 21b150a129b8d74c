// Other parts of the window (the empty chat's "next message goes to" pill) open the top bar's model
// picker by putting the focus in its search field: the picker opens its list on focus, showing every
// model, and the chosen name is selected so typing searches afresh.

/** The class of the picker's root (model-picker.tsx). */
export const modelPickerClass = 'model-picker';

/** Focuses the picker's search field; false when no picker is on the page (no backend yet). */
export function focusModelPicker(): boolean {
  const field = document.querySelector<HTMLInputElement>(`.${modelPickerClass} input`);
  if (!field) return false;
  field.focus();
  field.select();
  return true;
}
