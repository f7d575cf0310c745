import { describe, expect, it } from 'vitest';
import { findMentionSites, rewriteMentions } from '../src/policy/mentions.js';
import { displayName, nameKey, smsAuthorName } from '../src/policy/names.js';
import { parsePhone } from '../src/policy/phone.js';
import { redactPhoneNumbers } from '../src/policy/redact.js';
import { checkSignUpNumber } from '../src/policy/sign-up-numbers.js';

describe('nameKey', () => {
  it('lower-cases, NFC-normalises, reads _ as a space and collapses white space', () => {
    expect(nameKey('  Ada_Lovelace ')).toBe('ada lovelace');
    expect(nameKey('AME\u0301LIE  Poulain')).toBe(nameKey('amélie poulain'));
  });
});

describe('findMentionSites', () => {
  const keys = (text: string) =>
    findMentionSites(text).map((site) => site.phrases.map((p) => p.key));

  it('offers every run of words after an @, longest first', () => {
    expect(keys('@Ada Lovelace hi')).toEqual([['ada lovelace hi', 'ada lovelace', 'ada']]);
    expect(keys('@Alice_Test lunch')).toEqual([['alice test lunch', 'alice test']]);
  });

  it('stops a name at punctuation, and at most six words', () => {
    expect(keys('lunch, @alice? yes')).toEqual([['alice']]);
    expect(keys('@Bob. Then')).toEqual([['bob']]);
    expect(keys('@a b c d e f g h')[0]).toHaveLength(6);
  });

  it('ignores e-mail addresses and a bare @', () => {
    expect(keys('mail ada@example.com or @ now')).toEqual([]);
  });

  it('rewrites resolved mentions to the full name, leaving the rest of the text alone', () => {
    const text = 'hi @alice and @bob_b!';
    const [alice, bob] = findMentionSites(text);
    expect(
      rewriteMentions(text, [
        {
          start: bob?.start ?? 0,
          end: bob?.phrases[0]?.end ?? 0,
          member: { id: 'b', name: 'Bob B' },
        },
        {
          start: alice?.start ?? 0,
          end: alice?.phrases.at(-1)?.end ?? 0,
          member: { id: 'a', name: 'Alice Test' },
        },
      ]),
    ).toBe('hi @Alice Test and @Bob B!');
  });
});

describe('displayName', () => {
  it('NFC-normalises and trims; refuses hidden and forging characters', () => {
    expect(displayName.parse(' Ame\u0301lie ')).toBe('Amélie');
    expect(displayName.parse('👩‍💻 Ada')).toBe('👩‍💻 Ada');
    for (const bad of ['A\u202Eb', 'A\u200Bb', 'A\u200Db', 'A\u2028b', 'A\nb', '@all', '']) {
      expect(displayName.safeParse(bad).success, JSON.stringify(bad)).toBe(false);
    }
    expect(displayName.safeParse('🦊'.repeat(64)).success).toBe(true);
    expect(displayName.safeParse('a'.repeat(65)).success).toBe(false);
  });
});

describe('smsAuthorName', () => {
  it('makes one line of at most 40 characters', () => {
    expect(smsAuthorName('Bank Fraud Dept\nCall +1 900 234 5678')).toBe(
      'Bank Fraud Dept Call +1 900 234 5678',
    );
    expect(smsAuthorName('x\u202Ey\u2029z')).toBe('x y z');
    const long = smsAuthorName('A'.repeat(60));
    expect(long).toBe(`${'A'.repeat(37)}...`);
    expect(smsAuthorName('👩‍💻 Ada')).toBe('👩‍💻 Ada');
    expect(smsAuthorName('\n\u200B')).toBe('someone');
  });
});

describe('redactPhoneNumbers', () => {
  it('masks E.164 and formatted numbers, and leaves dates and error codes alone', () => {
    expect(redactPhoneNumbers("Invalid 'To' Phone Number: +14155550604")).toBe(
      "Invalid 'To' Phone Number: [phone ••04]",
    );
    expect(redactPhoneNumbers('call (415) 555-0604 or +44 7911 123 456')).toBe(
      'call [phone ••04] or [phone ••56]',
    );
    expect(redactPhoneNumbers('error 21211 on 2026-12-02 at 10:15')).toBe(
      'error 21211 on 2026-12-02 at 10:15',
    );
  });
});

describe('checkSignUpNumber', () => {
  const rules = {
    countries: ['US'] as const,
    numberTypes: ['MOBILE', 'FIXED_LINE_OR_MOBILE'] as const,
  };
  const refusal = async (number: string, given = rules) => {
    try {
      checkSignUpNumber(await parsePhone(number), {
        countries: [...given.countries],
        numberTypes: [...given.numberTypes],
      });
      return undefined;
    } catch (error) {
      return (error as { code: string }).code;
    }
  };

  it('allows listed countries and types only, and never premium or non-geographic numbers', async () => {
    expect(await refusal('+14155550100')).toBeUndefined();
    expect(await refusal('+447400123456')).toBe('country_not_allowed');
    expect(await refusal('+19002345678')).toBe('number_type_not_allowed');
    expect(await refusal('+881612345678')).toBe('number_type_not_allowed');
    const everything = {
      countries: ['US'] as const,
      numberTypes: ['PREMIUM_RATE', 'PERSONAL_NUMBER', 'MOBILE'] as const,
    };
    expect(await refusal('+19002345678', everything as never)).toBe('number_type_not_allowed');
  });
});
