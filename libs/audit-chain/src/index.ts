export { canonicalEncode, canonicalDecode, canonicalAroundSeq, CANONICAL_VERSION, type AuditEventContent } from './canonical';
export { chainHash, contentHash, sealEvent, GENESIS_HASH, type SealedEvent } from './chain';
export { ChainVerifier, verifyChain, type StoredAuditEvent, type ChainVerification, type BreakReason } from './verify';
