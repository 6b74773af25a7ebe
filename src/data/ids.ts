import { Types } from 'mongoose';

/** An ObjectId from user input, or null when the text is not one (so a lookup answers "not found", not an error). */
export function toObjectId(id: string | Types.ObjectId): Types.ObjectId | null {
  if (id instanceof Types.ObjectId) return id;
  return /^[a-f\d]{24}$/i.test(id) ? new Types.ObjectId(id) : null;
}
