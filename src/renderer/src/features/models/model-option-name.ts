// How a model is named wherever the user picks one backend's model among all backends' (the model
// picker, the Compare dialog): the model first, then its backend, joined by a spaced em dash.
export function modelOptionName(model: string, backendName: string): string {
  return `${model} — ${backendName}`;
}
