import { type ReactNode, useId } from 'react';
import type { InspectedInstance, NodeInspection } from '../../sim/inspect.ts';
import { metadataText, seconds, shortChecksum, shortKey } from './format.ts';
import { type Text, useText } from './text.ts';

/** Timers beyond this many are counted, not listed. */
const TIMERS_SHOWN = 8;

interface Props {
  readonly inspection: NodeInspection;
  /** Virtual time the ages and due times count from. */
  readonly nowMs: number;
  /** address → n1, n2, … */
  readonly names: ReadonlyMap<string, string>;
}

/** The body of the node panel: one section per part of the node's state. */
export function NodeDetails({ inspection, nowMs, names }: Props) {
  const text = useText();
  const owned = inspection.services.filter((service) => service.owned).map((service) => service.name);
  const instances = inspection.services.reduce((sum, service) => sum + service.instances.length, 0);
  return (
    <>
      {inspection.initialized ? null : <p className="dpi-note">{text.notInitialized}</p>}
      <dl className="dpi-stats">
        <Stat label={text.healthyList} value={inspection.healthyList.length} />
        <Stat label={text.owned} value={owned.length} />
        <Stat label={text.servicesInstances} value={`${inspection.services.length} / ${instances}`} />
        <Stat label={text.pendingRequests} value={inspection.pendingRequests} />
      </dl>
      <div className="dpi-columns">
        <Members inspection={inspection} names={names} />
        <div>
          <Section title={text.healthyList} caption={text.healthyListCaption}>
            <ol className="dpi-chips dpi-healthy">
              {inspection.healthyList.map((address, index) => (
                <li
                  key={address}
                  className={address === inspection.address ? 'dpi-chip dpi-chip-self' : 'dpi-chip'}
                >
                  <span className="dpi-index">{index}</span>
                  {names.get(address) ?? address}
                  <span className="dpi-visually-hidden"> {address}</span>
                </li>
              ))}
            </ol>
          </Section>
          <Section title={text.owned}>
            {owned.length === 0 ? (
              <p className="dpi-muted">{text.none}</p>
            ) : (
              <ul className="dpi-chips">
                {owned.map((name) => (
                  <li key={name} className="dpi-chip dpi-mono">
                    {name}
                  </li>
                ))}
              </ul>
            )}
          </Section>
        </div>
      </div>
      <Data inspection={inspection} nowMs={nowMs} />
      <div className="dpi-columns">
        <SyncTasks inspection={inspection} nowMs={nowMs} names={names} />
        <Timers inspection={inspection} nowMs={nowMs} />
      </div>
    </>
  );
}

function Stat({ label, value }: { label: string; value: string | number }) {
  return (
    <div>
      <dt>{label}</dt>
      <dd>{value}</dd>
    </div>
  );
}

function Section({ title, caption, children }: { title: string; caption?: string; children: ReactNode }) {
  const id = useId();
  return (
    <section className="dpi-section" aria-labelledby={id}>
      <h3 id={id}>{title}</h3>
      {caption ? <p className="dpi-caption">{caption}</p> : null}
      {children}
    </section>
  );
}

function Members({ inspection, names }: Pick<Props, 'inspection' | 'names'>) {
  const text = useText();
  return (
    <Section title={text.members} caption={text.membersCaption}>
      <div className="dpi-scroll">
        <table className="dpi-table" aria-label={text.members}>
          <thead>
            <tr>
              <th scope="col">{text.address}</th>
              <th scope="col">{text.state}</th>
              <th scope="col" className="dpi-num">
                {text.failCount}
              </th>
            </tr>
          </thead>
          <tbody>
            {inspection.members.map((member) => (
              <tr key={member.address}>
                <th scope="row">
                  <strong>{names.get(member.address) ?? ''}</strong>{' '}
                  <span className="dpi-mono dpi-muted">{member.address}</span>
                </th>
                <td>
                  <span className={`dpi-state dpi-state-${member.state.toLowerCase()}`}>{member.state}</span>
                </td>
                <td className="dpi-num">{member.failCount}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </Section>
  );
}

function Data({ inspection, nowMs }: Pick<Props, 'inspection' | 'nowMs'>) {
  const text = useText();
  const services = [...inspection.services].sort((a, b) => a.name.localeCompare(b.name));
  return (
    <Section title={`${text.data} · ${services.length} ${text.services}`}>
      {services.length === 0 ? <p className="dpi-muted">{text.none}</p> : null}
      {services.map((service) => (
        <article key={service.name} className="dpi-service" aria-label={service.name}>
          <header>
            <span className="dpi-mono dpi-service-name">{service.name}</span>
            <span className={service.owned ? 'dpi-badge dpi-badge-owner' : 'dpi-badge'}>
              {service.owned ? text.ownedBadge : text.replicaBadge}
            </span>
            {service.hasDatum ? null : <span className="dpi-badge dpi-badge-warn">{text.noDatum}</span>}
            <span className="dpi-checksum" title={service.checksum}>
              <span className="dpi-muted">{text.checksum}</span>{' '}
              <code>{shortChecksum(service.checksum)}</code>
            </span>
          </header>
          <Instances instances={service.instances} nowMs={nowMs} text={text} />
        </article>
      ))}
    </Section>
  );
}

function Instances({
  instances,
  nowMs,
  text,
}: {
  instances: readonly InspectedInstance[];
  nowMs: number;
  text: Text;
}) {
  if (instances.length === 0) return <p className="dpi-muted">{text.noInstances}</p>;
  const sorted = [...instances].sort((a, b) => a.address.localeCompare(b.address, 'en', { numeric: true }));
  return (
    <div className="dpi-scroll">
      <table className="dpi-table dpi-instances">
        <thead>
          <tr>
            <th scope="col">{text.instance}</th>
            <th scope="col">{text.health}</th>
            <th scope="col">{text.lastBeat}</th>
            <th scope="col" className="dpi-num">
              {text.weight}
            </th>
          </tr>
        </thead>
        <tbody>
          {sorted.map((instance) => (
            <tr key={instance.address}>
              <th scope="row">
                <span className="dpi-mono">{instance.address}</span>
                <span className="dpi-instance-extra">
                  <span>
                    {text.cluster} {instance.clusterName}
                  </span>
                  {Object.keys(instance.metadata).length > 0 ? (
                    <span className="dpi-mono" title={text.metadata}>
                      {metadataText(instance.metadata)}
                    </span>
                  ) : null}
                </span>
              </th>
              <td>
                <span className={instance.healthy ? 'dpi-health dpi-health-ok' : 'dpi-health dpi-health-bad'}>
                  {instance.healthy ? text.healthy : text.unhealthy}
                </span>
              </td>
              <td className="dpi-nowrap">
                {instance.lastBeatMs > 0
                  ? text.ago(seconds(Math.max(0, nowMs - instance.lastBeatMs)))
                  : text.never}
              </td>
              <td className="dpi-num">{instance.weight}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

function dueText(atMs: number, nowMs: number, text: Text): string {
  return atMs <= nowMs ? text.due : text.inS(seconds(atMs - nowMs));
}

function SyncTasks({ inspection, nowMs, names }: Props) {
  const text = useText();
  const tasks = [...inspection.syncTasks].sort((a, b) => a.dueMs - b.dueMs);
  return (
    <Section title={`${text.syncTasks} · ${tasks.length}`}>
      {tasks.length === 0 ? (
        <p className="dpi-muted">{text.none}</p>
      ) : (
        <div className="dpi-scroll">
          <table className="dpi-table">
            <thead>
              <tr>
                <th scope="col">{text.stage}</th>
                <th scope="col">{text.target}</th>
                <th scope="col" className="dpi-num">
                  {text.keys}
                </th>
                <th scope="col" className="dpi-num">
                  {text.dueIn}
                </th>
              </tr>
            </thead>
            <tbody>
              {tasks.map((task) => (
                <tr key={`${task.stage}:${task.target}`}>
                  <td>{task.stage}</td>
                  <td>
                    <strong>{names.get(task.target) ?? ''}</strong>{' '}
                    <span className="dpi-mono dpi-muted">{task.target}</span>
                  </td>
                  <td className="dpi-num">{task.keys}</td>
                  <td className="dpi-num dpi-nowrap">{dueText(task.dueMs, nowMs, text)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </Section>
  );
}

function Timers({ inspection, nowMs }: Pick<Props, 'inspection' | 'nowMs'>) {
  const text = useText();
  const timers = [...inspection.timers].sort((a, b) => a.atMs - b.atMs);
  const shown = timers.slice(0, TIMERS_SHOWN);
  return (
    <Section title={text.timers}>
      {timers.length === 0 ? (
        <p className="dpi-muted">{text.none}</p>
      ) : (
        <div className="dpi-scroll">
          <table className="dpi-table">
            <thead>
              <tr>
                <th scope="col">{text.timer}</th>
                <th scope="col" className="dpi-num">
                  {text.dueIn}
                </th>
              </tr>
            </thead>
            <tbody>
              {shown.map((timer) => (
                <tr key={timer.key}>
                  <td className="dpi-mono dpi-key" title={timer.key}>
                    {shortKey(timer.key)}
                  </td>
                  <td className="dpi-num dpi-nowrap">{dueText(timer.atMs, nowMs, text)}</td>
                </tr>
              ))}
            </tbody>
          </table>
          {timers.length > shown.length ? (
            <p className="dpi-muted">{text.more(timers.length - shown.length)}</p>
          ) : null}
        </div>
      )}
    </Section>
  );
}
