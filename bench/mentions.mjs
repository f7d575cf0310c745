// An inbound text with @mentions by name, resolved against a store of 10 members and one of
// 100,000 (20,000 with --quick): the bridge resolves the words after each @ with indexed lookups,
// so the per-text cost must not grow with the member count. Both bridges run in one fresh process, in interleaved
// rounds, so neither gets a warmer JIT or a quieter machine; the upstream they post to runs in
// its own process.
import { check, round, runChild, startUpstream } from './lib.mjs';

export async function benchMentions({ quick }) {
  const rounds = quick ? 2 : 10;
  const perRound = quick ? 50 : 100;
  const members = quick ? 20_000 : 100_000;
  const upstream = await startUpstream();
  try {
    const result = await runChild('./mentions-child.mjs', {
      env: {
        UPSTREAM_URL: upstream.url,
        ROUNDS: String(rounds),
        PER_ROUND: String(perRound),
        MEMBERS: String(members),
      },
    });
    const counts = await upstream.call('counts');
    const last = counts.lastPost;
    check(
      last?.text === '@Ada Lovelace are you in? @Member 7 and @Nobody Here too',
      `the mentions were not resolved: ${last?.text}`,
    );
    check(
      JSON.stringify([...(last?.mentioned_users ?? [])].sort()) ===
        JSON.stringify(['ada', 'member-7']),
      'the posted text does not mention Ada and Member 7',
    );
    check(
      counts.posts === 2 * (rounds + 1) * perRound && counts.distinctPosts === counts.posts,
      `every text posted exactly once (${counts.posts} posts, ${counts.distinctPosts} distinct)`,
    );
    check(result.logged.error === 0, `the bridge logged an error: ${result.logged.last}`);
    const texted = rounds * perRound;
    return {
      texts: texted,
      members_small: 10,
      members_large: members,
      small_ms_per_text: round(result.smallMs / texted),
      large_ms_per_text: round(result.largeMs / texted),
      ratio: round(result.largeMs / result.smallMs),
    };
  } finally {
    await upstream.stop();
  }
}
