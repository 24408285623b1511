import * as fs from 'fs';
import { TokenClaims, TokenError } from '../audit/web-identity-request';

/** A token's claims, read from what the user pasted. */
export interface TokenInput {
  readonly claims: TokenClaims;
  /** Whether the input was a JWT (whose signature is never checked here) or its decoded payload. */
  readonly form: 'jwt' | 'claims';
}

/** A compact JWS: header, payload and signature, base64url-encoded and separated by dots. */
const JWT = /^[A-Za-z0-9_-]+\.([A-Za-z0-9_-]+)\.[A-Za-z0-9_-]*$/;

/** Reads a file (`-` for standard input) holding a JWT or its decoded payload. */
export function readTokenFile(file: string): TokenInput {
  let text: string;
  try {
    text = fs.readFileSync(file === '-' ? 0 : file, 'utf8');
  } catch (error) {
    throw new TokenError((error as NodeJS.ErrnoException).code === 'EISDIR'
      ? `'${file}' is a directory: --claims takes a file holding the token (or - for standard input)`
      : `cannot read the token from '${file}': ${(error as Error).message}`);
  }
  return parseToken(text);
}

/**
 * Parses a JWT or the JSON of its payload. The response of GitHub's token endpoint
 * (`{"count": ..., "value": "<jwt>"}`) is accepted too.
 */
export function parseToken(text: string): TokenInput {
  const trimmed = text.trim();
  if (trimmed.startsWith('{')) {
    let json: unknown;
    try {
      json = JSON.parse(trimmed);
    } catch (error) {
      throw new TokenError(`the token is neither a JWT nor valid JSON: ${(error as Error).message}`);
    }
    const value = (json as Record<string, unknown>).value;
    if ((json as Record<string, unknown>).iss === undefined && typeof value === 'string' && JWT.test(value.trim())) {
      return decodeJwt(value.trim());
    }
    return { claims: json as TokenClaims, form: 'claims' };
  }
  if (JWT.test(trimmed)) {
    return decodeJwt(trimmed);
  }
  const parts = trimmed.split('.').length;
  throw new TokenError(parts === 5
    ? 'the token is an encrypted JWT (JWE, five parts): explain needs a signed JWT (three parts) or its decoded payload'
    : 'the token is neither a JWT (header.payload.signature) nor a JSON object of claims');
}

function decodeJwt(jwt: string): TokenInput {
  const payload = JWT.exec(jwt)![1];
  let claims: unknown;
  try {
    claims = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8'));
  } catch (error) {
    throw new TokenError(`the JWT's payload is not base64url-encoded JSON: ${(error as Error).message}`);
  }
  if (claims === null || typeof claims !== 'object' || Array.isArray(claims)) {
    throw new TokenError('the JWT\'s payload is not a JSON object of claims');
  }
  return { claims: claims as TokenClaims, form: 'jwt' };
}
