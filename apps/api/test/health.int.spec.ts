import request from 'supertest';
import { withAdmin } from './support/databases';
import { TestApp } from './support/test-app';

describe('GET /health', () => {
  it('is 200 with database and queue up', async () => {
    const t = await TestApp.start();
    try {
      const res = await request(t.http).get('/health');
      expect(res.status).toBe(200);
      expect(res.body).toEqual({ status: 'ok', database: 'ok', queue: 'ok' });
    } finally {
      await t.close();
    }
  });

  it('is 503 naming the queue when Redis cannot be reached', async () => {
    const t = await TestApp.start({ redisUrl: 'redis://127.0.0.1:1' });
    try {
      const res = await request(t.http).get('/health');
      expect(res.status).toBe(503);
      expect(res.body).toEqual({ status: 'down', database: 'ok', queue: 'down' });
    } finally {
      await t.close();
    }
  });

  it('leaves no timer or socket behind once closed while Redis is unreachable (a jest worker then exits at once)', async () => {
    const count = () => process.getActiveResourcesInfo().filter((kind) => kind === 'Timeout' || kind === 'TCPSocketWrap').length;
    const before = count();
    const t = await TestApp.start({ redisUrl: 'redis://127.0.0.1:1' });
    await new Promise((resolve) => setTimeout(resolve, 300)); // let the connections fail and retry
    await t.close();
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(count()).toBeLessThanOrEqual(before);
  });

  it('is 503 naming the database when PostgreSQL is gone', async () => {
    const t = await TestApp.start();
    try {
      await withAdmin((admin) => admin.query(`drop database "${t.database}" with (force)`));
      const res = await request(t.http).get('/health');
      expect(res.status).toBe(503);
      expect(res.body).toEqual({ status: 'down', database: 'down', queue: 'ok' });
    } finally {
      await t.close().catch(() => undefined);
    }
  });
});
