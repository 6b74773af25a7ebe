import { Schema, Types } from 'mongoose';

export const RECRUITER_STATUSES = ['active', 'revoked'] as const;
export type RecruiterStatus = (typeof RECRUITER_STATUSES)[number];

export interface Recruiter {
  _id: Types.ObjectId;
  name: string;
  email: string;
  /** The key's first characters ("jf_AbC12345"), shown to people so they can tell keys apart. */
  keyPrefix: string;
  /** SHA-256 (hex) of the whole API key; the key itself is never stored. */
  keyHash: string;
  status: RecruiterStatus;
  revokedAt: Date | null;
  keyRotatedAt: Date | null;
  createdAt: Date;
  updatedAt: Date;
}

export const recruiterSchema = new Schema<Recruiter>(
  {
    name: { type: String, required: true, trim: true, maxlength: 200 },
    email: { type: String, required: true, trim: true, lowercase: true, maxlength: 320 },
    keyPrefix: { type: String, required: true },
    keyHash: { type: String, required: true },
    status: { type: String, enum: RECRUITER_STATUSES, default: 'active' },
    revokedAt: { type: Date, default: null },
    keyRotatedAt: { type: Date, default: null },
  },
  { timestamps: true, collection: 'recruiters' },
);

// Every authenticated request: `{ keyHash }`.
recruiterSchema.index({ keyHash: 1 }, { unique: true });
// An operator adds a recruiter once per email address: `recruiters add` fails on a second one.
recruiterSchema.index({ email: 1 }, { unique: true });
// Every recruiter: `{} sort { createdAt: 1 }` (`recruiters list`).
recruiterSchema.index({ createdAt: 1 });
