/**
 * Where the DingTalk access token (and the person's replies) may go: DingTalk's own API and
 * webhook hosts over HTTPS, plus the configured gateway origin (DINGTALK_GATEWAY_URL: a private
 * deployment, or the loopback stand-in of the tests). A robot message names its own reply URL
 * (`sessionWebhook`); one outside this list is not called at all — not even without the token,
 * because the reply itself carries the person's words and scores — and the reply goes through
 * the robot OpenAPI on a trusted host instead.
 */
export const DINGTALK_HOSTS: readonly string[] = ['oapi.dingtalk.com', 'api.dingtalk.com'];

export interface HostPolicy {
  allows(url: string): boolean;
  /** The host of a URL for a log line (never its path or query: session URLs are credentials). */
  hostOf(url: string): string;
}

export function createHostPolicy(extraOrigins: readonly string[] = []): HostPolicy {
  const origins = new Set(extraOrigins.map((o) => new URL(o).origin));
  const parse = (url: string): URL | undefined => {
    try {
      return new URL(url);
    } catch {
      return undefined;
    }
  };
  return {
    allows(url) {
      const u = parse(url);
      if (!u || u.username || u.password) return false;
      if (u.protocol === 'https:' && u.port === '' && DINGTALK_HOSTS.includes(u.hostname)) return true;
      return origins.has(u.origin);
    },
    hostOf(url) {
      return parse(url)?.host.slice(0, 100) ?? '(not a URL)';
    },
  };
}
