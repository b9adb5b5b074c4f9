// The typed `http` tool: one request of templates, to the hosts it lists.

import type { DeclaredToolBase } from '../../tool-base.ts';

export type HttpMethod = 'GET' | 'HEAD' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

export interface HttpTool extends DeclaredToolBase {
  readonly kind: 'http';
  readonly method: HttpMethod;
  /** Handlebars template over `args`; each value is percent-encoded where it is inserted. */
  readonly url: string;
  /** Query parameters, each a Handlebars template over `args`; a parameter that renders empty is left out. */
  readonly query?: Readonly<Record<string, string>>;
  /** Header values, Handlebars templates over `args`, `secrets` and `env` (variables named by the template). */
  readonly headers?: Readonly<Record<string, string>>;
  /**
   * A string: a Handlebars template over `args`, sent as is. A map or list: sent as JSON, each string in it a
   * template over `args`, and a string that is exactly `{{args.x}}` replaced by the argument's value itself.
   */
  readonly body?: unknown;
  /** Hosts the request and its redirects may go to (`*.example.com` matches subdomains). */
  readonly allowHosts: readonly string[];
  /** Allow link-local and cloud metadata addresses (169.254.0.0/16, fe80::/10, metadata.google.internal…); default false. */
  readonly allowLinkLocal?: boolean;
}
