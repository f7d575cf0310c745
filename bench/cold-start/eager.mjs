// The baseline: the seed's style, eagerly importing twilio, stream-chat and mongodb first, then the
// same cold start as handler.mjs.
import 'twilio';
import 'stream-chat';
import 'mongodb';
import './handler.mjs';
