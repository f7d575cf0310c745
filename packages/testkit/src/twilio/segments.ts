import { SegmentedMessage } from 'sms-segments-calculator';

/**
 * How many SMS segments Twilio bills for `body`: GSM-7 (160, or 153 per part; extension
 * characters such as `{}[]~^|€\` count twice) or UCS-2 (70, or 67 per part). Uses Twilio's own
 * segment calculator rather than a hand-kept character table.
 */
export function countSegments(body: string): number {
  if (body === '') return 0;
  return new SegmentedMessage(body).segmentsCount;
}
