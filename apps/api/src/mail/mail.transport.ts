import { Inject, Injectable, type OnApplicationShutdown } from '@nestjs/common';
import { createTransport, type Transporter } from 'nodemailer';
import { APP_CONFIG, type AppConfig } from '../config/config';

/** The SMTP connection (SMTP_URL), or none: mail is then kept in the database and read on the Sent mail page. */
@Injectable()
export class MailTransport implements OnApplicationShutdown {
  readonly smtp: Transporter | null;

  constructor(@Inject(APP_CONFIG) readonly config: AppConfig) {
    this.smtp = config.smtpUrl ? createTransport(config.smtpUrl) : null;
  }

  get delivery(): 'SMTP' | 'DATABASE' {
    return this.smtp ? 'SMTP' : 'DATABASE';
  }

  onApplicationShutdown(): void {
    this.smtp?.close();
  }
}
