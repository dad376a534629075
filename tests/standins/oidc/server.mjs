// Two local OpenID Providers for the tests, built on the certified `oidc-provider` package:
//
// - a staff identity service like the Trust's Microsoft Entra ID tenant: clients authenticate with a
//   client secret; ID tokens carry `oid`, `groups` and `amr` (["pwd", "mfa"] when a second factor was used);
// - an NHS login like the national service: clients authenticate only with `private_key_jwt` (RS512),
//   ID tokens are signed RS512 and carry `vot` (e.g. P9.Cp.Cd) and `vtm`; `nhs_number`, `birthdate` and
//   `identity_proofing_level` come with the `profile` scope, as NHS login's interface specification says.
//
// Test accounts (accounts.json) are chosen on each provider's own sign-in page, which a browser fills in
// and a test client posts to, so every test goes through the real authorisation, token and JWKS
// endpoints. Redirect URIs are matched by path on the hosts a test server runs on (testserver,
// localhost, 127.0.0.1, any port), since the browser tests' server takes a free port.
//
// Usage: node server.mjs --staff-port N --nhs-port N --staff-secret S --other-secret S
//                        --nhs-client-key-out PATH
import crypto from 'node:crypto';
import fs from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

import Provider from 'oidc-provider';

const here = path.dirname(fileURLToPath(import.meta.url));
const accounts = JSON.parse(fs.readFileSync(path.join(here, 'accounts.json'), 'utf8'));

const args = {};
for (let i = 2; i < process.argv.length; i += 2) {
  args[process.argv[i].replace(/^--/, '')] = process.argv[i + 1];
}
for (const required of ['staff-port', 'nhs-port', 'staff-secret', 'other-secret', 'nhs-client-key-out']) {
  if (!args[required]) {
    console.error(`missing --${required}`);
    process.exit(2);
  }
}

const TEST_HOSTS = new Set(['testserver', 'localhost', '127.0.0.1']);
const pathOnTestHost = (value) => {
  try {
    const url = new URL(value);
    return TEST_HOSTS.has(url.hostname) ? `${url.pathname}${url.search}` : null;
  } catch {
    return null;
  }
};

function signingKey(alg) {
  const { privateKey } = crypto.generateKeyPairSync('rsa', { modulusLength: 2048 });
  return { ...privateKey.export({ format: 'jwk' }), kid: crypto.randomUUID(), alg, use: 'sig' };
}

const escapeHtml = (text) => String(text).replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

function loginPage(uid, title, who) {
  const choices = Object.keys(who)
    .map(
      (key, index) => `<div><input type="radio" id="account-${index}" name="login" value="${escapeHtml(key)}"${
        index === 0 ? ' checked' : ''
      }><label for="account-${index}">${escapeHtml(key)}</label></div>`,
    )
    .join('');
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>${escapeHtml(title)}</title></head>
<body><main><h1>${escapeHtml(title)}</h1>
<form method="post" action="/interaction/${escapeHtml(uid)}/login">
<fieldset><legend>Test account</legend>${choices}</fieldset>
<button type="submit">Sign in</button></form></main></body></html>`;
}

function readForm(req) {
  return new Promise((resolve, reject) => {
    let body = '';
    req.on('data', (chunk) => {
      body += chunk;
    });
    req.on('end', () => resolve(Object.fromEntries(new URLSearchParams(body))));
    req.on('error', reject);
  });
}

function makeProvider({ issuer, title, who, clients, claims, extra = {} }) {
  const provider = new Provider(issuer, {
    clients,
    claims,
    // Scope claims go into the ID token, as Entra ID and NHS login put them there.
    conformIdTokenClaims: false,
    cookies: { keys: [crypto.randomBytes(32).toString('hex')] },
    jwks: { keys: [signingKey(extra.idTokenAlg || 'RS256')] },
    pkce: { required: () => true },
    features: {
      devInteractions: { enabled: false },
      rpInitiatedLogout: { enabled: true },
      requestObjects: { enabled: true },
    },
    enabledJWA: {
      idTokenSigningAlgValues: ['RS256', 'RS512', 'PS256'],
      clientAuthSigningAlgValues: ['HS256', 'RS256', 'RS512', 'PS256', 'ES256'],
      requestObjectSigningAlgValues: ['RS256', 'RS512', 'PS256', 'ES256'],
    },
    extraParams: extra.extraParams || [],
    interactions: { url: (ctx, interaction) => `/interaction/${interaction.uid}` },
    // The portal is the Trust's own service: no consent screen, the grant covers what it asked for.
    async loadExistingGrant(ctx) {
      const grant = new ctx.oidc.provider.Grant({
        clientId: ctx.oidc.client.clientId,
        accountId: ctx.oidc.session.accountId,
      });
      grant.addOIDCScope(ctx.oidc.params.scope || 'openid');
      await grant.save();
      return grant;
    },
    // The account id is the subject, so that `sub` is the same in every token and at user info.
    async findAccount(ctx, id) {
      const account = Object.values(who).find((candidate) => candidate.claims.sub === id);
      if (!account) return undefined;
      return { accountId: id, claims: async () => ({ ...account.claims }) };
    },
    ttl: { Session: 3600, Interaction: 600, Grant: 3600, AccessToken: 600, AuthorizationCode: 60, IdToken: 600 },
  });
  provider.Client.prototype.redirectUriAllowed = function redirectUriAllowed(value) {
    const wanted = pathOnTestHost(value);
    return wanted !== null && this.redirectUris.some((uri) => pathOnTestHost(uri) === wanted);
  };
  provider.Client.prototype.postLogoutRedirectUriAllowed = function postLogoutAllowed(value) {
    const wanted = pathOnTestHost(value);
    return wanted !== null && this.postLogoutRedirectUris.some((uri) => pathOnTestHost(uri) === wanted);
  };

  const callback = provider.callback();
  return http.createServer(async (req, res) => {
    const match = req.url.match(/^\/interaction\/([\w-]+)(\/login)?$/);
    if (!match) return callback(req, res);
    try {
      const details = await provider.interactionDetails(req, res);
      if (req.method === 'POST' && match[2]) {
        const form = await readForm(req);
        const account = who[form.login];
        if (!account) {
          res.writeHead(400, { 'content-type': 'text/plain' });
          return res.end('Unknown test account');
        }
        return provider.interactionFinished(
          req,
          res,
          { login: { accountId: account.claims.sub, amr: account.amr, remember: false } },
          { mergeWithLastSubmission: false },
        );
      }
      res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
      return res.end(loginPage(details.uid, title, who));
    } catch (error) {
      res.writeHead(400, { 'content-type': 'text/plain' });
      return res.end(String(error));
    }
  });
}

const staffIssuer = `http://127.0.0.1:${args['staff-port']}`;
const nhsIssuer = `http://127.0.0.1:${args['nhs-port']}`;

const staffRedirect = 'http://testserver/sign-in/trust/callback/';

// The portal as a CIS2 client of the same staff service: private_key_jwt and signed request objects only,
// as NHS Care Identity Service 2's profile asks. Its private key is written beside NHS login's.
const { publicKey: cis2Public, privateKey: cis2Private } = crypto.generateKeyPairSync('rsa', { modulusLength: 2048 });
fs.writeFileSync(
  path.join(path.dirname(args['nhs-client-key-out']), 'cis2-client-key.pem'),
  cis2Private.export({ type: 'pkcs8', format: 'pem' }),
  { mode: 0o600 },
);
const staffServer = makeProvider({
  issuer: staffIssuer,
  title: 'Sign in to your Trust account',
  who: accounts.staff,
  claims: {
    openid: ['sub', 'oid', 'groups', 'amr'],
    profile: ['name', 'given_name', 'family_name', 'preferred_username'],
    email: ['email'],
  },
  clients: [
    {
      client_id: 'recovery-portal',
      client_secret: args['staff-secret'],
      token_endpoint_auth_method: 'client_secret_basic',
      redirect_uris: [staffRedirect],
      post_logout_redirect_uris: ['http://testserver/sign-in/'],
    },
    {
      client_id: 'recovery-portal-cis2',
      token_endpoint_auth_method: 'private_key_jwt',
      token_endpoint_auth_signing_alg: 'RS256',
      request_object_signing_alg: 'RS256',
      require_signed_request_object: true,
      jwks: { keys: [{ ...cis2Public.export({ format: 'jwk' }), kid: 'portal-cis2', alg: 'RS256', use: 'sig' }] },
      redirect_uris: [staffRedirect],
    },
    {
      // Another of the Trust's applications: its ID tokens are not for the portal.
      client_id: 'another-trust-app',
      client_secret: args['other-secret'],
      token_endpoint_auth_method: 'client_secret_post',
      redirect_uris: [staffRedirect],
    },
  ],
});

const { publicKey: clientPublic, privateKey: clientPrivate } = crypto.generateKeyPairSync('rsa', {
  modulusLength: 2048,
});
fs.writeFileSync(args['nhs-client-key-out'], clientPrivate.export({ type: 'pkcs8', format: 'pem' }), {
  mode: 0o600,
});
const nhsServer = makeProvider({
  issuer: nhsIssuer,
  title: 'NHS login',
  who: accounts.nhs,
  claims: {
    openid: ['sub', 'vot', 'vtm'],
    profile: ['nhs_number', 'birthdate', 'identity_proofing_level', 'given_name', 'family_name'],
    email: ['email', 'email_verified'],
    phone: ['phone_number', 'phone_number_verified'],
  },
  extra: { idTokenAlg: 'RS512', extraParams: ['vtr'] },
  clients: [
    {
      client_id: 'recovery-portal-nhs-login',
      token_endpoint_auth_method: 'private_key_jwt',
      token_endpoint_auth_signing_alg: 'RS512',
      id_token_signed_response_alg: 'RS512',
      jwks: { keys: [{ ...clientPublic.export({ format: 'jwk' }), kid: 'portal-nhs-login', alg: 'RS512', use: 'sig' }] },
      redirect_uris: ['http://testserver/sign-in/nhs-login/callback/'],
      post_logout_redirect_uris: ['http://testserver/sign-in/'],
    },
  ],
});

staffServer.listen(Number(args['staff-port']), '127.0.0.1');
nhsServer.listen(Number(args['nhs-port']), '127.0.0.1');
console.log(`staff identity provider on ${staffIssuer}, NHS login on ${nhsIssuer}`);
