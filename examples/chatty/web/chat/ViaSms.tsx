import {
  MessageTranslationIndicator,
  type TranslationIndicatorProps,
  useMessageContext,
} from 'stream-chat-react';

/**
 * The SDK's translation indicator, plus a "via SMS" mark under a message the bridge posted from
 * a text (`smsbridge_source: 'sms'`). The indicator is the one per-message slot rendered inside
 * every message's grid (the metadata row shows only at the end of a group), so the mark lands in
 * the grid's free "custom-metadata" area on each text.
 */
export function TranslationIndicatorWithSmsMark(props: TranslationIndicatorProps) {
  const { message } = useMessageContext('TranslationIndicatorWithSmsMark');
  const fromSms = (props.message ?? message)?.smsbridge_source === 'sms';
  return (
    <>
      <MessageTranslationIndicator {...props} />
      {fromSms && (
        <span className="chatty-via-sms" title="Sent as a text message">
          via SMS
        </span>
      )}
    </>
  );
}
