/** `GET /health`: the bridge is up (it checks nothing upstream, so a load balancer never flaps). */
export async function healthRoute(): Promise<Response> {
  return Response.json({ status: 'ok' });
}
