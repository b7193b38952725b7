import { connectedDb } from './respondent-collections';

/** MongoDB's error code for a unique index violation. */
const DUPLICATE_KEY = 11000;

interface LeaseDoc {
  /** `<name>:<slot>`, where the slot numbers the `ttlMs` window that contains the claim. */
  _id: string;
  name: string;
  owner: string;
  claimedAt: Date;
  /** End of the slot; a lease whose holder died is void from then on. */
  until: Date;
}

export interface ClaimLeaseOptions {
  /** The work the lease guards, such as `retention`. */
  name: string;
  /** The claiming process, named in the logs and checked on release. */
  owner: string;
  now: Date;
  /** Length of a lease slot in milliseconds: the longest a dead holder blocks the work. */
  ttlMs: number;
}

/**
 * Claims the named lease in the `leases` collection and returns whether this owner got it.
 *
 * A claim inserts one document whose `_id` names the lease and the current time slot, so the
 * unique `_id` lets exactly one of several concurrent claimers win. A conditional update such as
 * `findOneAndUpdate({ until: { $lt: now } })` would not do: FerretDB 1.24 on SQLite runs the
 * query and the update outside one transaction, and in a test here three concurrent claims of an
 * expired lease mostly all succeeded.
 *
 * Two processes can still both hold a lease when one claims just before a slot boundary and the
 * other just after it, so the guarded work must be idempotent.
 */
export async function claimLease(options: ClaimLeaseOptions): Promise<boolean> {
  const leases = connectedDb().collection<LeaseDoc>('leases');
  const slot = Math.floor(options.now.getTime() / options.ttlMs);
  const lease: LeaseDoc = {
    _id: `${options.name}:${slot}`,
    name: options.name,
    owner: options.owner,
    claimedAt: options.now,
    until: new Date((slot + 1) * options.ttlMs),
  };
  try {
    await leases.insertOne(lease);
  } catch (error) {
    if ((error as { code?: unknown }).code === DUPLICATE_KEY) return false;
    throw error;
  }

  // Leases of past slots are void; removing them keeps the collection at one document per name.
  await leases.deleteMany({ name: options.name, until: { $lte: options.now } });
  return true;
}

/** Ends a lease early, so that the next claim in the same slot succeeds; only its owner can. */
export async function releaseLease(options: { name: string; owner: string }): Promise<void> {
  await connectedDb().collection<LeaseDoc>('leases').deleteMany(options);
}
