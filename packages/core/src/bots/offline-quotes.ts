/** A small offline list, written for smsbridge, used when no quote source is given or it fails. */
export const OFFLINE_QUOTES: readonly string[] = [
  'A text in time saves nine.',
  'Every conversation is better when nobody is left out of it.',
  'The best reply is the one that arrives.',
  'Short messages travel far.',
  'If it matters, say it twice: once in the chat and once by text.',
  'Good news fits in 160 characters.',
  'Listen twice as much as you type.',
  'There is no bad signal, only patient conversations.',
  'A question asked is halfway to an answer.',
  'The chat never sleeps, but you should.',
  'Kind words need no data plan.',
  'Plans change; friends stay in the thread.',
];
