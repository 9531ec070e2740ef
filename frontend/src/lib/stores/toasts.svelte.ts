// Short messages, such as copy confirmations, that disappear by themselves.

/** "info" confirms an action, "error" reports one that failed. */
export type ToastTone = 'info' | 'error';

/** One message in the toast region. */
export interface Toast {
  id: number;
  text: string;
  tone: ToastTone;
}

/** How long a toast stays, in milliseconds. */
export const TOAST_MS = 6000;

/** The maximum number of toasts shown at once. The oldest go first. */
export const MAX_TOASTS = 3;

/** The reactive list of toasts. */
export class ToastStore {
  items = $state<Toast[]>([]);

  #nextId = 0;

  /** Shows text until TOAST_MS have passed or the user dismisses it. */
  show(text: string, tone: ToastTone = 'info'): void {
    const id = ++this.#nextId;
    this.items = [...this.items, { id, text, tone }].slice(-MAX_TOASTS);
    setTimeout(() => this.dismiss(id), TOAST_MS);
  }

  dismiss(id: number): void {
    this.items = this.items.filter((toast) => toast.id !== id);
  }

  clear(): void {
    this.items = [];
  }
}

/** The toasts of the whole window. */
export const toasts = new ToastStore();
