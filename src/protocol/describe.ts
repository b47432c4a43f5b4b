import type { Envelope, WireMessage } from './messages.ts';

/**
 * The one-line text form of a message for the message log, in the spirit of a text
 * protocol: `SYNC 10.0.0.2:8848→10.0.0.3:8848 DEFAULT_GROUP@@orders hosts=3`.
 */
export function describeEnvelope(envelope: Envelope): string {
  return `${label(envelope.body)} ${envelope.from}→${envelope.to}${detail(envelope.body)}`;
}

function label(body: WireMessage): string {
  switch (body.type) {
    case 'REGISTER':
    case 'DEREGISTER':
    case 'BEAT':
      return body.viaPeer ? `FORWARD ${body.type}` : body.type;
    case 'HTTP_RESPONSE':
      return `HTTP ${body.status}`;
    case 'MEMBER_REPORT':
      return 'REPORT';
    case 'SYNC_DATUM':
      return 'SYNC';
    case 'CHECKSUM':
      return 'VERIFY';
    case 'DATUM_QUERY':
      return 'PULL';
    case 'SNAPSHOT_QUERY':
      return 'SNAPSHOT?';
    default:
      return body.type;
  }
}

function detail(body: WireMessage): string {
  switch (body.type) {
    case 'REGISTER':
      return ` ${body.params.groupedName} ${body.params.ip}:${body.params.port}`;
    case 'DEREGISTER':
      return ` ${body.ref.groupedName} ${body.ref.ip}:${body.ref.port}`;
    case 'BEAT':
      return ` ${body.ref.groupedName} ${body.ref.ip}:${body.ref.port}${body.beat ? '' : ' light'}`;
    case 'HTTP_RESPONSE':
      return typeof body.body === 'string'
        ? ` ${body.body}`
        : 'code' in body.body
          ? ` code=${body.body.code}`
          : '';
    case 'SYNC_DATUM':
    case 'DATUMS':
      return ` ${body.datums.map((d) => `${d.key.slice(d.key.indexOf('##') + 2)} hosts=${d.instances.length}`).join(', ')}`;
    case 'CHECKSUM':
    case 'SERVICE_STATUS':
      return ` ${Object.keys(body.checksums).length} keys`;
    case 'DATUM_QUERY':
      return ` ${body.keys.length} keys`;
    case 'STATUSES_QUERY':
      return ` ${body.key.slice(body.key.indexOf('##') + 2)}`;
    case 'STATUSES':
      return ` ${body.ips.length} ips`;
    case 'LIST_INSTANCES':
      return ` ${body.groupedName}`;
    default:
      return '';
  }
}
