import { Controller, Get, Inject, Req, Res } from '@nestjs/common';
import type { Request, Response } from 'express';
import { timingSafeEqual } from 'node:crypto';
import { APP_CONFIG, type AppConfig } from '../config/config';
import { Public } from '../tenancy/access.decorator';
import { Metrics } from './metrics';

/** `GET /metrics` in Prometheus's text format; behind `Authorization: Bearer $METRICS_TOKEN` when that is set. */
@Controller('metrics')
export class MetricsController {
  constructor(
    private readonly metrics: Metrics,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  @Get()
  @Public()
  async scrape(@Req() req: Request, @Res() res: Response): Promise<void> {
    if (this.config.metricsToken && !matches(req.get('authorization') ?? '', `Bearer ${this.config.metricsToken}`)) {
      res.status(401).type('text/plain').send('Send the metrics token: Authorization: Bearer <METRICS_TOKEN>\n');
      return;
    }
    res.type(this.metrics.registry.contentType).send(await this.metrics.registry.metrics());
  }
}

function matches(given: string, expected: string): boolean {
  const a = Buffer.from(given);
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
}
