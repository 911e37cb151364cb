import { afterEach, beforeEach, describe, expect, it, vi, type MockInstance } from 'vitest';
import { dispatch, type Handlers } from '../../electron/core/dispatch';
import { AppError } from '../../electron/core/errors';
import type { LedgerInfo } from '../../shared/domain';
import type { ParsedInput } from '../../shared/contract';

/** Only the channels a test calls need to exist. */
function handlers(partial: Partial<Handlers>): Handlers {
  return partial as Handlers;
}

const info: LedgerInfo = {
  name: 'Test ledger',
  path: '/tmp/test.armslength',
  schemaVersion: 3,
  isSample: false,
  counts: { entities: 1, affiliations: 2, transfers: 3, documents: 4, flags: 5 },
};

let consoleError: MockInstance<typeof console.error>;
beforeEach(() => {
  // dispatch logs unexpected failures; keep the test output readable, and let tests check it
  consoleError = vi.spyOn(console, 'error').mockImplementation(() => {});
});
afterEach(() => {
  consoleError.mockRestore();
});

describe('dispatch', () => {
  it('returns the handler value for a valid call', async () => {
    const reply = await dispatch(handlers({ 'ledger:info': () => info }), 'ledger:info', {});
    expect(reply).toEqual({ ok: true, value: info });
  });

  it('treats a missing input as {}', async () => {
    const h = handlers({ 'ledger:info': () => info });
    expect(await dispatch(h, 'ledger:info', undefined)).toEqual({ ok: true, value: info });
    expect(await dispatch(h, 'ledger:info', null)).toEqual({ ok: true, value: info });
  });

  it.each([['nope:nope'], ['toString'], ['__proto__'], ['constructor'], [''], [42], [null], [undefined], [{}]])(
    'refuses unknown channel %j with invalid_input and never calls a handler',
    async (channel) => {
      const spy = vi.fn(() => info);
      const reply = await dispatch(handlers({ 'ledger:info': spy }), channel, {});
      expect(reply.ok).toBe(false);
      if (reply.ok) return;
      expect(reply.error.code).toBe('invalid_input');
      expect(reply.error.message).toMatch(/Unknown channel/);
      expect(spy).not.toHaveBeenCalled();
      expect(consoleError).not.toHaveBeenCalled(); // an AppError is expected, not logged
    },
  );

  it('refuses input that fails the schema, naming the field, without calling the handler', async () => {
    const spy = vi.fn();
    const h = handlers({ 'transfer:get': spy });
    const reply = await dispatch(h, 'transfer:get', { id: 'x' });
    expect(reply.ok).toBe(false);
    if (reply.ok) return;
    expect(reply.error.code).toBe('invalid_input');
    expect(reply.error.message).toContain('transfer:get');
    expect(reply.error.details.length).toBeGreaterThan(0);
    expect(reply.error.details.some((d) => d.startsWith('id:'))).toBe(true);
    expect(spy).not.toHaveBeenCalled();

    const missing = await dispatch(h, 'transfer:get', {});
    expect(missing.ok).toBe(false);
    if (!missing.ok) expect(missing.error.details.some((d) => d.startsWith('id:'))).toBe(true);

    const fractional = await dispatch(h, 'transfer:get', { id: 1.5 });
    expect(fractional.ok).toBe(false);

    const notObject = await dispatch(h, 'transfer:get', 'id=1');
    expect(notObject.ok).toBe(false);
    if (!notObject.ok) {
      expect(notObject.error.code).toBe('invalid_input');
      expect(notObject.error.details.some((d) => d.startsWith('input:'))).toBe(true);
    }
    expect(spy).not.toHaveBeenCalled();
  });

  it('names nested and multiple bad fields', async () => {
    const spy = vi.fn();
    const reply = await dispatch(handlers({ 'transfers:page': spy }), 'transfers:page', {
      limit: 0,
      sort: 'name',
      after: ['2024-01-01', { id: 1 }], // the cursor is an array of sort values; an object inside is refused
    });
    expect(reply.ok).toBe(false);
    if (reply.ok) return;
    const fields = reply.error.details.map((d) => d.split(':')[0]);
    expect(fields).toEqual(expect.arrayContaining(['limit', 'sort', 'after.1']));
    expect(spy).not.toHaveBeenCalled();
  });

  it('runs the schema for ledger names (trim, refuse path separators)', async () => {
    const seen: string[] = [];
    const h = handlers({ 'ledger:create': ({ name }) => { seen.push(name); return info; } });
    expect((await dispatch(h, 'ledger:create', { name: '  Audit 2024  ' })).ok).toBe(true);
    expect(seen).toEqual(['Audit 2024']);
    for (const name of ['../evil', 'a/b', 'a\\b', '.hidden', '', '   ']) {
      const reply = await dispatch(h, 'ledger:create', { name });
      expect(reply.ok, name).toBe(false);
      if (!reply.ok) expect(reply.error.code).toBe('invalid_input');
    }
    expect(seen).toEqual(['Audit 2024']);
  });

  it('applies schema defaults before calling the handler', async () => {
    let received: ParsedInput<'transfers:page'> | undefined;
    const h = handlers({
      'transfers:page': (input) => {
        received = input;
        return { rows: [], next: null, total: 0 };
      },
    });
    const reply = await dispatch(h, 'transfers:page', {});
    expect(reply).toEqual({ ok: true, value: { rows: [], next: null, total: 0 } });
    expect(received).toEqual({ limit: 100, sort: 'date', dir: 'desc', after: null, search: '' });

    await dispatch(h, 'transfers:page', { limit: 5, dir: 'asc', search: 'H100' });
    expect(received).toEqual({ limit: 5, sort: 'date', dir: 'asc', after: null, search: 'H100' });
  });

  it('turns output outside the contract into an internal error without leaking the data', async () => {
    const secret = 'sk-live-very-secret-value';
    const h = handlers({
      // path must be a string and counts must exist: this is not a LedgerInfo
      'ledger:info': () => ({ name: secret, path: 12345, secret } as unknown as LedgerInfo),
    });
    const reply = await dispatch(h, 'ledger:info', {});
    expect(reply.ok).toBe(false);
    if (reply.ok) return;
    expect(reply.error.code).toBe('internal');
    expect(reply).not.toHaveProperty('value');
    expect(JSON.stringify(reply)).not.toContain(secret);
    expect(JSON.stringify(reply)).not.toContain('12345');
    expect(reply.error.message).toContain('ledger:info');
    expect(consoleError).toHaveBeenCalled();
  });

  it('strips fields the output schema does not list', async () => {
    const h = handlers({
      'ledger:list': () => [{ name: 'a', current: true, key: 'private-key-material' }] as unknown as Array<{ name: string; current: boolean }>,
    });
    const reply = await dispatch(h, 'ledger:list', {});
    expect(reply).toEqual({ ok: true, value: [{ name: 'a', current: true }] });
    expect(JSON.stringify(reply)).not.toContain('private-key-material');
  });

  it('passes on an AppError code, message and details', async () => {
    const h = handlers({
      'transfer:get': ({ id }) => {
        throw new AppError('not_found', `No transfer ${id}`, ['try another id']);
      },
    });
    const reply = await dispatch(h, 'transfer:get', { id: 7 });
    expect(reply).toEqual({ ok: false, error: { code: 'not_found', message: 'No transfer 7', details: ['try another id'] } });
    expect(consoleError).not.toHaveBeenCalled();
  });

  it('passes on an AppError from an async handler', async () => {
    const h = handlers({
      'document:import': async () => {
        await new Promise((r) => setTimeout(r, 1));
        throw new AppError('import_rejected', 'row 3: bad date');
      },
    });
    const reply = await dispatch(h, 'document:import', { fileName: 'x.csv', contentBase64: Buffer.from('a,b').toString('base64') });
    expect(reply).toEqual({ ok: false, error: { code: 'import_rejected', message: 'row 3: bad date', details: [] } });
  });

  it('reports a plain Error, or a thrown non-Error, as internal', async () => {
    const plain = await dispatch(handlers({ 'flags:run': () => { throw new Error('disk I/O error'); } }), 'flags:run', {});
    expect(plain).toEqual({ ok: false, error: { code: 'internal', message: 'disk I/O error', details: [] } });

    const rejected = await dispatch(handlers({ 'flags:run': () => Promise.reject(new TypeError('boom')) }), 'flags:run', {});
    expect(rejected.ok).toBe(false);
    if (!rejected.ok) expect(rejected.error.code).toBe('internal');

    const weird = await dispatch(handlers({ 'flags:run': () => { throw 'a string'; } }), 'flags:run', {});
    expect(weird).toEqual({ ok: false, error: { code: 'internal', message: 'a string', details: [] } });
    expect(consoleError).toHaveBeenCalledTimes(3);
  });

  it('an Error that only looks like an AppError is still internal', async () => {
    const fake = Object.assign(new Error('pretend'), { code: 'not_found', details: ['x'] });
    const reply = await dispatch(handlers({ 'flags:run': () => { throw fake; } }), 'flags:run', {});
    expect(reply.ok).toBe(false);
    if (!reply.ok) expect(reply.error.code).toBe('internal');
  });
});
