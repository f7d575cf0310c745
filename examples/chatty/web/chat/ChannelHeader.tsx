import { useEffect, useId, useRef, useState } from 'react';
import { useChannelStateContext, useChatContext } from 'stream-chat-react';
import { MemberList } from './MemberList.js';
import { useChannelMembers } from './useChannelMembers.js';

function plural(count: number, one: string, many: string): string {
  return `${count} ${count === 1 ? one : many}`;
}

/**
 * The channel's header: its name and a live "N members · M online", with a Members button that
 * opens the member list. stream-chat-react's own header calls a two-member channel a direct
 * message ("Online"/"Offline") and reads a member count that does not follow joins and leaves;
 * Chatty's channel is a group however many have joined. Same classes, so the same look.
 */
export function ChannelHeader({ fallbackName }: { fallbackName: string }) {
  const { channel } = useChannelStateContext('ChattyChannelHeader');
  const { client } = useChatContext('ChattyChannelHeader');
  const members = useChannelMembers(channel);
  const online = members.filter((user) => user.online).length;
  const [open, setOpen] = useState(false);
  const listId = useId();
  const button = useRef<HTMLButtonElement>(null);
  const name = (channel.data as { name?: string } | undefined)?.name ?? fallbackName;

  // Escape closes the list and gives the focus back to the button that opened it.
  useEffect(() => {
    if (!open) return;
    const onKey = (event: KeyboardEvent) => {
      if (event.key !== 'Escape') return;
      setOpen(false);
      button.current?.focus();
    };
    document.addEventListener('keydown', onKey);
    return () => document.removeEventListener('keydown', onKey);
  }, [open]);

  return (
    <div className="str-chat__channel-header chatty-channel-header">
      <div className="str-chat__channel-header__start" />
      <div className="str-chat__channel-header__data">
        <div className="str-chat__channel-header__data__title">{name}</div>
        <div className="str-chat__channel-header__data__subtitle">
          {plural(members.length, 'member', 'members')} · {online} online
        </div>
      </div>
      <div className="str-chat__channel-header__end">
        <button
          ref={button}
          type="button"
          className="members-button"
          aria-expanded={open}
          aria-controls={listId}
          onClick={() => setOpen(!open)}
        >
          Members
        </button>
        {open && <MemberList id={listId} members={members} ownUserId={client.userID} />}
      </div>
    </div>
  );
}
