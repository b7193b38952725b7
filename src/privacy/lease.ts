import { connectedDb } from './respondent-collections';

/** MongoDB's error code for a unique index violation. */
const DUPLICATE_KEY = 11000;

interface LeaseDoc {
  _id: string;
  owner: string;
  until: Date;
}

export interface ClaimLeaseOptions {
  /** The work the lease guards, such as `retention`; one document per name. */
  name: string;
  /** Who holds the lease, for the logs and for a safe release. */
  owner: string;
  now: Date;
  /** How long the lease holds without a release, in milliseconds. */
  ttlMs: number;
}

/**
 * Claims the named lease in the `leases` collection and returns whether this owner got it. The
 * claim is one `findOneAndUpdate` that matches only an expired lease, with upsert for the first
 * claim. When another owner holds it, the filter matches nothing and the upsert's insert fails on
 * the unique `_id`, so exactly one of several concurrent claimers wins.
 */
export async function claimLease(options: ClaimLeaseOptions): Promise<boolean> {
  const leases = connectedDb().collection<LeaseDoc>('leases');
  const until = new Date(options.now.getTime() + options.ttlMs);
  try {
    const claimed = await leases.findOneAndUpdate(
      { _id: options.name, until: { $lt: options.now } },
      { $set: { owner: options.owner, until } },
      { upsert: true, returnDocument: 'after' },
    );
    return claimed?.owner === options.owner;
  } catch (error) {
    if ((error as { code?: unknown }).code === DUPLICATE_KEY) return false;
    throw error;
  }
}

/** Ends a lease early, so that the next claim need not wait; only its owner can release it. */
export async function releaseLease(options: { name: string; owner: string }): Promise<void> {
  await connectedDb()
    .collection<LeaseDoc>('leases')
    .updateOne({ _id: options.name, owner: options.owner }, { $set: { until: new Date(0) } });
}
