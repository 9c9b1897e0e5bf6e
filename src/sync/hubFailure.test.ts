import { describe, expect, it } from 'vitest';
import { encodeHubFailure } from '../bridge/contract/hub';
import { classifyHubFailure } from './hubFailure';

describe('classifyHubFailure', () => {
  it('blames the batch for a refusal (400/413) the hub does not call retryable', () => {
    const detail = encodeHubFailure({ retryable: false, httpStatus: 400, reason: 'bad_request' });
    expect(classifyHubFailure({ code: 'invalid_argument', message: 'refused', detail })).toEqual({ batchFault: true, reason: 'hub_refused_400: bad_request' });
    expect(classifyHubFailure({ code: 'invalid_argument', message: 'bad input' })).toEqual({ batchFault: true, reason: 'hub_refused: unknown' });
  });

  it('blames nobody for no answer, a 5xx, a refused credential, or a refusal said to be retryable', () => {
    expect(classifyHubFailure({ code: 'timeout', message: 'no answer in 30 s' })).toEqual({ batchFault: false, reason: 'timeout: no answer in 30 s' });
    const busy = encodeHubFailure({ retryable: true, httpStatus: 503, reason: 'unavailable' });
    expect(classifyHubFailure({ code: 'unavailable', message: 'hub down', detail: busy })).toEqual({ batchFault: false, reason: 'unavailable 503: unavailable' });
    const retry = encodeHubFailure({ retryable: true, httpStatus: 413, reason: 'payload_too_large' });
    expect(classifyHubFailure({ code: 'invalid_argument', message: 'too big', detail: retry })).toEqual({ batchFault: false, reason: 'invalid_argument 413: payload_too_large' });
    expect(classifyHubFailure({ code: 'forbidden', message: 'revoked', detail: encodeHubFailure({ retryable: false, httpStatus: 401, reason: 'unauthorized' }) })).toEqual({
      batchFault: false,
      reason: 'forbidden 401: unauthorized',
    });
  });
});
