import { Schema, Types } from 'mongoose';

export const PUBLISHER_STATUSES = ['active', 'revoked'] as const;
export type PublisherStatus = (typeof PUBLISHER_STATUSES)[number];

/** A site that shows placements: an account like a recruiter's, with its own kind of key ("jfp_"). */
export interface Publisher {
  _id: Types.ObjectId;
  name: string;
  email: string;
  /** The key's first characters ("jfp_AbC12345"), shown to people so they can tell keys apart. */
  keyPrefix: string;
  /** SHA-256 (hex) of the whole API key; the key itself is never stored. */
  keyHash: string;
  status: PublisherStatus;
  revokedAt: Date | null;
  keyRotatedAt: Date | null;
  createdAt: Date;
  updatedAt: Date;
}

export const publisherSchema = new Schema<Publisher>(
  {
    name: { type: String, required: true, trim: true, maxlength: 200 },
    email: { type: String, required: true, trim: true, lowercase: true, maxlength: 320 },
    keyPrefix: { type: String, required: true },
    keyHash: { type: String, required: true },
    status: { type: String, enum: PUBLISHER_STATUSES, default: 'active' },
    revokedAt: { type: Date, default: null },
    keyRotatedAt: { type: Date, default: null },
  },
  { timestamps: true, collection: 'publishers' },
);

// Every authenticated publisher request: `{ keyHash }`.
publisherSchema.index({ keyHash: 1 }, { unique: true });
// An operator adds a publisher once per email address: `publishers add` fails on a second one.
publisherSchema.index({ email: 1 }, { unique: true });
// Every publisher: `{} sort { createdAt: 1 }` (`publishers list`).
publisherSchema.index({ createdAt: 1 });
