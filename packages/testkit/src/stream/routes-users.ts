import { assertMayActAs } from './auth.js';
import type { StreamContext, StreamRequest } from './context.js';
import { inputError } from './errors.js';
import { asRecord, asString, matchesFilter, paginate, queryPayload } from './fields.js';
import { serializeUser } from './serialize.js';

/** `POST /users`: create or replace users; a user token may only write itself. */
export function upsertUsers(context: StreamContext, request: StreamRequest): unknown {
  const users = asRecord(request.body.users);
  if (Object.keys(users).length === 0) throw inputError('UpdateUsers', 'users is a required field');
  const result: Record<string, unknown> = {};
  for (const [id, raw] of Object.entries(users)) {
    const fields = asRecord(raw);
    if (asString(fields.id) !== id) {
      throw inputError('UpdateUsers', `user id "${id}" does not match the key it is given under`);
    }
    assertMayActAs(request.caller, id);
    context.state.upsertUser(id, fields);
    result[id] = serializeUser(context.state, id);
  }
  return { users: result, duration: '0.00ms' };
}

/** `PATCH /users`: `set` and `unset` fields of existing users. */
export function partialUpdateUsers(context: StreamContext, request: StreamRequest): unknown {
  const updates = Array.isArray(request.body.users) ? request.body.users : [];
  if (updates.length === 0) throw inputError('UpdateUsersPartial', 'users is a required field');
  const result: Record<string, unknown> = {};
  for (const raw of updates) {
    const update = asRecord(raw);
    const id = asString(update.id);
    if (!id) throw inputError('UpdateUsersPartial', 'users[].id is a required field');
    assertMayActAs(request.caller, id);
    const user = context.state.users.get(id);
    if (!user) throw inputError('UpdateUsersPartial', `user "${id}" does not exist`);
    const unset = Array.isArray(update.unset) ? update.unset.map(String) : [];
    context.state.partialUpdateUser(user, asRecord(update.set), unset);
    result[id] = serializeUser(context.state, id);
  }
  return { users: result, duration: '0.00ms' };
}

/** `GET /users?payload={filter_conditions, sort, limit, offset}`. */
export function queryUsers(context: StreamContext, request: StreamRequest): unknown {
  const payload = queryPayload(request.query, 'QueryUsers');
  const filter = asRecord(payload.filter_conditions);
  const users = [...context.state.users.keys()]
    .map((id) => serializeUser(context.state, id))
    .filter((user) => matchesFilter(user, filter))
    .sort((a, b) => String(a.created_at).localeCompare(String(b.created_at)));
  return { users: paginate(users, payload), duration: '0.00ms' };
}
