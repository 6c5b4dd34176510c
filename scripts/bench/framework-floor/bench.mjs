import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import autocannon from 'autocannon';
const cpu = (pid) => {
  const f = readFileSync(`/proc/${pid}/stat`, 'utf8');
  const p = f.slice(f.lastIndexOf(')') + 2).split(' ');
  return (Number(p[11]) + Number(p[12])) / 100;
};
const PAGE =
  '{ socialAccounts(first: 20) { edges { node { id handle displayName client { name } owner { name } needsOwner } } pageInfo { hasNextPage endCursor } } }';
const kinds = (process.env.KINDS || 'express-apollo,fastify-apollo,fastify-mercurius,express-yoga,fastify-yoga').split(',');
const rounds = Number(process.env.ROUNDS || 2);
const out = {};
for (let round = 0; round < rounds; round++)
  for (const kind of kinds) {
    const port = 4100 + kinds.indexOf(kind);
    const child = spawn(process.execPath, ['dist/app.js'], {
      env: { ...process.env, KIND: kind, PORT: String(port), NODE_ENV: 'production' },
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    await new Promise((r) => child.stdout.on('data', (d) => d.toString().includes('ready') && r()));
    for (const [label, query] of [
      ['typename', '{ __typename }'],
      ['page', PAGE],
    ]) {
      const check = await fetch(`http://127.0.0.1:${port}/graphql`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ query }),
      }).then((r) => r.json());
      if (!check.data) throw new Error(kind + JSON.stringify(check));
      await autocannon({
        url: `http://127.0.0.1:${port}/graphql`,
        connections: 16,
        duration: 2,
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ query }),
      });
      const c0 = cpu(child.pid);
      const r = await autocannon({
        url: `http://127.0.0.1:${port}/graphql`,
        connections: 16,
        duration: 6,
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ query }),
      });
      const ms = ((cpu(child.pid) - c0) / r.requests.total) * 1000;
      (out[`${kind} ${label}`] ??= []).push({ rate: r.requests.total / 6, ms });
    }
    child.kill();
    await new Promise((r) => child.on('exit', r));
  }
for (const [k, v] of Object.entries(out)) console.log(k.padEnd(28), v.map((x) => `${x.rate.toFixed(0)}/s ${x.ms.toFixed(3)} ms CPU`).join(' | '));
