// Small, self-dismissing notices (a download finished or failed). Shown by components/Toasts.tsx.
import { create } from 'zustand';

export type ToastKind = 'success' | 'error' | 'info';

export interface Toast {
  id: number;
  kind: ToastKind;
  title: string;
  text?: string;
  /** an in-app route to open, e.g. /downloads/3 */
  link?: string;
}

const LIFETIME_MS: Record<ToastKind, number> = { success: 6000, info: 6000, error: 12_000 };
const MAX_TOASTS = 4;

interface ToastState {
  toasts: Toast[];
  push(toast: Omit<Toast, 'id'>): number;
  dismiss(id: number): void;
  reset(): void;
}

let nextId = 1;
const timers = new Map<number, ReturnType<typeof setTimeout>>();

export const useToasts = create<ToastState>()((set, get) => ({
  toasts: [],

  push(toast) {
    const id = nextId++;
    const kept = get().toasts.slice(-(MAX_TOASTS - 1));
    for (const old of get().toasts) if (!kept.includes(old)) get().dismiss(old.id);
    set({ toasts: [...kept, { ...toast, id }] });
    timers.set(
      id,
      setTimeout(() => get().dismiss(id), LIFETIME_MS[toast.kind]),
    );
    return id;
  },

  dismiss(id) {
    const timer = timers.get(id);
    if (timer) clearTimeout(timer);
    timers.delete(id);
    if (get().toasts.some((t) => t.id === id)) set({ toasts: get().toasts.filter((t) => t.id !== id) });
  },

  reset() {
    for (const timer of timers.values()) clearTimeout(timer);
    timers.clear();
    set({ toasts: [] });
  },
}));
