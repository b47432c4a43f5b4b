import type { RingModel } from './model.ts';
import { serviceColour } from './palette.ts';
import type { RingText } from './text.ts';

/** The simulated SDK clients, one small cluster per service beside the ring. */
export function ClientClusters({ model, t }: { model: RingModel; t: RingText }) {
  return (
    <g className="ring-clients">
      {model.clusters.map((cluster) => (
        <g key={cluster.service} className="ring-client-cluster" data-service={cluster.service}>
          <text
            className="ring-client-label"
            x={cluster.x}
            y={cluster.y - model.layout.clientR * 0.6}
            style={{ fontSize: `${model.layout.clientFont}px` }}
          >
            {cluster.label}
          </text>
          {cluster.clients.map((client) => {
            const state = !client.registered ? 'unregistered' : client.alive ? 'alive' : 'stopped';
            const stateText = t(`client.${state}`);
            return (
              <circle
                key={client.address}
                className={`ring-client ring-client--${state}`}
                cx={client.x}
                cy={client.y}
                r={model.layout.clientR}
                style={{ ['--service' as string]: serviceColour(cluster.service) }}
              >
                <title>{`${client.name} ${client.instance} · ${stateText}`}</title>
              </circle>
            );
          })}
        </g>
      ))}
    </g>
  );
}
