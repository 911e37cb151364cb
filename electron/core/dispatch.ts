// One entry for every transport: validate the input against the contract, run the handler,
// validate what it returns, and turn any failure into a Reply the renderer can show.
import { contract, isChannel, type Channel, type Output, type ParsedInput, type Reply } from '../../shared/contract';
import { AppError, toErrorShape } from './errors';

export type Handlers = { [C in Channel]: (input: ParsedInput<C>) => Promise<Output<C>> | Output<C> };

function describeIssues(issues: ReadonlyArray<{ path: ReadonlyArray<PropertyKey>; message: string }>): string[] {
  return issues.map((i) => `${i.path.length ? i.path.map(String).join('.') : 'input'}: ${i.message}`);
}

export async function dispatch(handlers: Handlers, channel: unknown, rawInput: unknown): Promise<Reply> {
  try {
    if (!isChannel(channel)) throw new AppError('invalid_input', `Unknown channel ${JSON.stringify(channel)}`);
    const spec = contract[channel];
    const parsed = spec.input.safeParse(rawInput ?? {});
    if (!parsed.success) throw new AppError('invalid_input', `Invalid input for ${channel}`, describeIssues(parsed.error.issues));
    const handler = handlers[channel] as (input: unknown) => unknown;
    const value = await handler(parsed.data);
    const checked = spec.output.safeParse(value);
    if (!checked.success) throw new Error(`${channel} returned data outside its contract: ${describeIssues(checked.error.issues).join('; ')}`);
    return { ok: true, value: checked.data };
  } catch (err) {
    if (!(err instanceof AppError)) console.error(`[armslength] ${String(channel)} failed:`, err);
    return { ok: false, error: toErrorShape(err) };
  }
}
