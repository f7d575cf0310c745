import { createContext, useContext } from 'react';
import type { UserSuggestion } from 'stream-chat';
import {
  Avatar,
  defaultComponents,
  ListItemLayout,
  MentionItem,
  SuggestionList,
  type SuggestionListProps,
  TokenizedSuggestionParts,
  type UserItemProps,
} from 'stream-chat-react';
import { MemberMarks } from './marks.js';

/** The suggested person, for the avatar slot (the layout's slots take no props). */
const SuggestedUser = createContext<UserSuggestion | undefined>(undefined);

function SuggestedUserAvatar() {
  const user = useContext(SuggestedUser);
  return <Avatar imageUrl={user?.image} userName={user?.name ?? user?.id} size="md" aria-hidden />;
}

/**
 * A person in the @mention suggestions, with their marks: whether a mention reaches them in the
 * chat or by text (or, with "texts off", not at all). Laid out as the SDK's own item, with the
 * marks as its subtitle, from the SDK's exported layout pieces.
 */
function UserItemWithMarks({ entity, focused, ...buttonProps }: UserItemProps) {
  const user = entity as UserSuggestion;
  return (
    <SuggestedUser.Provider value={user}>
      <ListItemLayout
        RootElement="button"
        rootProps={{
          ...buttonProps,
          className: `str-chat__context-menu__button str-chat__user-context-menu__button str-chat__suggestion-list__mention ${buttonProps.className ?? ''}`,
          role: buttonProps.role ?? 'menuitem',
          title: user.name ?? user.id,
        }}
        contentClassName="str-chat__context-menu__button__label"
        LeadingSlot={SuggestedUserAvatar}
        selected={focused}
        title={<TokenizedSuggestionParts tokenizedDisplayName={user.tokenizedDisplayName} />}
        titleClassName="str-chat__suggestion-list__mention-item-title"
        subtitle={<MemberMarks user={user} />}
        subtitleClassName="str-chat__suggestion-list__item-details"
      />
    </SuggestedUser.Provider>
  );
}

const suggestionItems: SuggestionListProps['suggestionItemComponents'] = {
  ...defaultComponents,
  '@': (props) => (
    <MentionItem {...props} entity={props.entity as never} UserItem={UserItemWithMarks} />
  ),
};

/** The composer's suggestion list, with marked people in the @mention list. */
export function SuggestionListWithMarks(props: SuggestionListProps) {
  return <SuggestionList {...props} suggestionItemComponents={suggestionItems} />;
}
