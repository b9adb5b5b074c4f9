// A problem with what the workflow passed to the action (`with:`): worded for the workflow author.

export class ActionInputError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ActionInputError';
  }
}
