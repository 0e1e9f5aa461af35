import assert from 'node:assert/strict';
import type { FieldAct } from '../../addin/src/domain/fieldMonth';
import type { Ledger } from '../../addin/src/ledger/types';
import type { OfficeSession } from './backends';

/** Every key of `map` in `text` replaced at once, the longest first (a number of one twin by the other's). */
export function renumber(text: string, map: ReadonlyMap<string, string>): string {
  if (map.size === 0) return text;
  const keys = [...map.keys()].sort((a, b) => b.length - a.length).map((k) => k.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'));
  return text.replace(new RegExp(keys.join('|'), 'g'), (k) => map.get(k)!);
}

export interface TwinFaults {
  /** Plays a step as described on `twinFaultAct`; a refusal is thrown on, as the script expects. */
  readonly act: FieldAct;
  /** The faults injected so far: 4 per step done (request 1 or 2 failing, the answer of 1 or 2 lost). */
  injected(): number;
}

/**
 * Fault injection on twin ledgers (the Office.js backend on two in-memory hosts): each step is done
 * on `plain`, then on `failing` four times — its first and then its second request failing (nothing
 * written), the read's answer lost (nothing written), the write's answer lost (the step done whole,
 * once). After each, `dump` of the failing twin must equal what it was, or the plain twin's; numbers
 * claimed by failed requests are never issued (docs/numbering.md), so the failing twin goes on with
 * its own, mapped back before comparing. A refusal must be a refusal on both twins, writing nothing.
 */
export function twinFaultAct(twins: {
  readonly plain: Ledger;
  readonly failing: OfficeSession;
  readonly actPlain: FieldAct;
  readonly actFailing: FieldAct;
  readonly dump: (ledger: Ledger) => Promise<string>;
  /** Steps that write nothing (a reconciliation): played on both twins, their answers compared. */
  readonly readsOnly?: (label: string) => boolean;
}): TwinFaults {
  const { plain, failing, actPlain, actFailing, dump } = twins;
  const theirs = new Map<string, string>();
  const ours = new Map<string, string>();
  let injected = 0;
  const act: FieldAct = async (operation, input, label, at) => {
    const given = JSON.parse(renumber(JSON.stringify(input), theirs)) as typeof input;
    const before = await dump(failing.ledger);
    let result: Record<string, unknown>;
    try {
      result = (await actPlain(operation, input, label, at)) as Record<string, unknown>;
    } catch (error) {
      await assert.rejects(actFailing(operation, given, label, at));
      assert.equal(await dump(failing.ledger), before, `${label}: a refusal writes nothing`);
      throw error;
    }
    if (twins.readsOnly?.(label)) {
      assert.deepEqual(await actFailing(operation, given, label, at), result, `${label}: a reading step reads the same`);
      return result as never;
    }
    for (const n of [1, 2]) {
      failing.client.failAtSync(n);
      await assert.rejects(actFailing(operation, given, label, at), /injected/i, `${label} at request ${n}`);
      assert.equal(await dump(failing.ledger), before, `${label}: nothing written when request ${n} fails`);
    }
    failing.client.loseResponseAtSync(1);
    await assert.rejects(actFailing(operation, given, label, at), Error, `${label}: the read's answer lost`);
    assert.equal(await dump(failing.ledger), before, `${label}: nothing written when the read's answer is lost`);
    failing.client.loseResponseAtSync(2);
    const outcome = (await actFailing(operation, given, label, at).catch(() => undefined)) as Record<string, unknown> | undefined;
    injected += 4;
    for (const key of ['number', 'created']) {
      const mine = result[key];
      const twin = outcome?.[key];
      if (typeof mine === 'string' && typeof twin === 'string' && mine !== twin) {
        theirs.set(mine, twin);
        ours.set(twin, mine);
      }
    }
    assert.equal(renumber(await dump(failing.ledger), ours), await dump(plain), `${label}: done whole, once, when the write's answer is lost`);
    return result as never;
  };
  return { act, injected: () => injected };
}
