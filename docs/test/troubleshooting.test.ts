import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ERROR_STATUS } from '@smsbridge/core';
import { expect, it } from 'vitest';

/** The rows of the table under "## Error codes": `` `code` `` and status. */
function documentedCodes(): Record<string, number> {
  const guide = readFileSync(join(import.meta.dirname, '../troubleshooting.md'), 'utf8');
  const section = guide.split(/^## /m).find((part) => part.startsWith('Error codes\n'));
  if (!section) throw new Error('troubleshooting.md has no "## Error codes" section');
  const rows: Record<string, number> = {};
  for (const line of section.split('\n')) {
    const cells = line.split('|').map((cell) => cell.trim());
    const code = /^`(\w+)`$/.exec(cells[1] ?? '')?.[1];
    if (!code) continue;
    if (code in rows) throw new Error(`troubleshooting.md lists ${code} twice`);
    rows[code] = Number(cells[2]);
  }
  return rows;
}

it('troubleshooting.md lists exactly the error codes of ERROR_STATUS, with their statuses', () => {
  expect(documentedCodes()).toEqual({ ...ERROR_STATUS });
});
