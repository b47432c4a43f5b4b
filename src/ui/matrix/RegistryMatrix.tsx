import { useId } from 'react';
import { useSim } from '../../store/simStore.ts';
import { CellIcon } from './CellIcon.tsx';
import { ConvergenceBadge } from './ConvergenceBadge.tsx';
import { type MatrixColumn, type MatrixGroup, selectMatrix, splitService } from './model.ts';
import { type MatrixText, useMatrixText } from './text.ts';
import './matrix.css';

const STATUS_MARK: Record<MatrixColumn['status'], string> = {
  running: '',
  paused: '❚❚',
  killed: '✕',
  crashed: '⚡',
};

export interface RegistryMatrixProps {
  /** Leave out the matrix's own heading, when it sits in a panel that has one. */
  readonly headless?: boolean;
}

/**
 * Instances × nodes: what every node holds of every instance, against what the clients
 * registered (the truth). Rows where a node holds something else are marked as divergent.
 */
export function RegistryMatrix({ headless = false }: RegistryMatrixProps) {
  const t = useMatrixText();
  const model = useSim(selectMatrix);
  const titleId = useId();
  const columns = model?.columns ?? [];
  const groups = model?.groups ?? [];
  const labelled = headless ? { 'aria-label': t('matrix.title') } : { 'aria-labelledby': titleId };
  return (
    <section className="matrix" {...labelled} data-testid="registry-matrix">
      <header className="matrix-header">
        {headless ? null : (
          <h2 id={titleId} className="matrix-title">
            {t('matrix.title')}
          </h2>
        )}
        <ConvergenceBadge t={t} divergedRows={model?.divergedRows ?? 0} />
      </header>
      {groups.length === 0 ? (
        <p className="matrix-empty">{t('matrix.empty')}</p>
      ) : (
        // biome-ignore lint/a11y/noNoninteractiveTabindex: a scrolling region must be reachable by keyboard to scroll it.
        <section className="matrix-scroll" {...labelled} tabIndex={0}>
          <table className={columns.length > 8 ? 'matrix-table matrix-table--dense' : 'matrix-table'}>
            <caption className="matrix-sr">{t('matrix.caption')}</caption>
            <thead>
              <tr>
                <th scope="col" className="matrix-corner">
                  {t('matrix.instance')}
                </th>
                <th scope="col" className="matrix-expected-head">
                  {t('matrix.expected')}
                </th>
                {columns.map((column) => (
                  <th
                    key={column.address}
                    scope="col"
                    className={`matrix-node matrix-node--${column.status}`}
                    title={`${column.name} ${column.address} ${t(`status.${column.status}`)}`}
                  >
                    <span className="matrix-node-name">
                      {STATUS_MARK[column.status] ? (
                        <span className="matrix-node-mark" aria-hidden="true">
                          {STATUS_MARK[column.status]}
                        </span>
                      ) : null}
                      {column.name}
                    </span>
                    <span className="matrix-node-address">{column.address.replace(':8848', '')}</span>
                    {column.status === 'running' ? null : (
                      <span className="matrix-sr">{t(`status.${column.status}`)}</span>
                    )}
                  </th>
                ))}
              </tr>
            </thead>
            {groups.map((group) => (
              <ServiceRows key={group.service} group={group} columns={columns} t={t} />
            ))}
          </table>
        </section>
      )}
    </section>
  );
}

function ServiceRows({
  group,
  columns,
  t,
}: {
  group: MatrixGroup;
  columns: readonly MatrixColumn[];
  t: MatrixText;
}) {
  const { group: groupName, name } = splitService(group.service);
  return (
    <tbody>
      <tr className="matrix-service">
        <th scope="rowgroup" colSpan={columns.length + 2}>
          <span className="matrix-service-name">{name}</span>
          {groupName ? <span className="matrix-service-group">{groupName}</span> : null}
        </th>
      </tr>
      {group.rows.map((row) => (
        <tr
          key={row.instance}
          className={row.diverged ? 'matrix-row matrix-row--diverged' : 'matrix-row'}
          data-testid={`row-${row.service}-${row.instance}`}
          data-diverged={String(row.diverged)}
        >
          <th scope="row" className="matrix-instance">
            {row.diverged ? (
              <span className="matrix-row-mark" title={t('matrix.rowDiverged')}>
                <span aria-hidden="true">≠</span>
                <span className="matrix-sr">{t('matrix.rowDiverged')}</span>
              </span>
            ) : null}
            {row.instance}
          </th>
          <td
            className={`matrix-cell matrix-cell--expected matrix-cell--${row.expected}`}
            data-state={row.expected}
          >
            <CellIcon state={row.expected} />
            <span className="matrix-sr">{t(`cell.${row.expected}`)}</span>
          </td>
          {row.cells.map((state, index) => {
            const column = columns[index]!;
            const off = !column.counts && column.status !== 'paused';
            const wrong = column.counts && state !== row.expected;
            const classes = [
              'matrix-cell',
              `matrix-cell--${state}`,
              wrong ? 'matrix-cell--wrong' : '',
              off ? 'matrix-cell--off' : '',
            ];
            return (
              <td
                key={column.address}
                className={classes.filter(Boolean).join(' ')}
                data-testid={`cell-${column.name}-${row.service}-${row.instance}`}
                data-state={state}
                title={`${column.name} · ${row.instance} · ${t(`cell.${state}`)}`}
              >
                <CellIcon state={state} />
                <span className="matrix-sr">
                  {t(`cell.${state}`)}
                  {off ? `, ${t('cell.off', { status: t(`status.${column.status}`) })}` : ''}
                </span>
              </td>
            );
          })}
        </tr>
      ))}
    </tbody>
  );
}
