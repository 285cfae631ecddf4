// The alert line every failed call writes AWS's error to, shared by the pages.
import { isAuthError, signedIn } from './api.js';

const alertBox = document.getElementById('alert');

/** Shows an error (an AwsError shows as "Type: AWS's message") or, with info=true, a notice. */
export function report(error, info = false) {
  alertBox.hidden = false;
  alertBox.className = info ? 'info' : '';
  alertBox.textContent = typeof error === 'string' ? error : String(error);
  if (!info && isAuthError(error) && signedIn()) {
    alertBox.textContent += ' (sign in again?)';
  }
}

export function clearReport() {
  alertBox.hidden = true;
  alertBox.textContent = '';
}

/** Runs an action; its failure goes to the alert line. Resolves to the action's value, or undefined. */
export async function attempt(action) {
  try {
    return await action();
  } catch (e) {
    report(e);
    return undefined;
  }
}

