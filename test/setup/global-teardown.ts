export default async function globalTeardown(): Promise<void> {
  await globalThis.jobfeedTestServices?.stop();
  globalThis.jobfeedTestServices = undefined;
}
