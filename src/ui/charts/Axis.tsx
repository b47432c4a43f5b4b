import { axisBottom, axisLeft, type NumberValue, type ScaleLinear, select } from 'd3';
import { useLayoutEffect, useRef } from 'react';

interface Props {
  readonly scale: ScaleLinear<number, number>;
  readonly orient: 'bottom' | 'left';
  readonly tickValues: readonly number[];
  readonly format: (value: number) => string;
  readonly transform?: string;
}

/** A d3 axis in a group React leaves empty: d3 owns the ticks inside it. */
export function Axis({ scale, orient, tickValues, format, transform }: Props) {
  const ref = useRef<SVGGElement>(null);
  useLayoutEffect(() => {
    if (!ref.current) return;
    const axis = (orient === 'bottom' ? axisBottom(scale) : axisLeft(scale))
      .tickValues(tickValues)
      .tickFormat((value: NumberValue) => format(Number(value)))
      .tickSizeOuter(0)
      .tickSize(orient === 'bottom' ? 4 : 0)
      .tickPadding(orient === 'bottom' ? 3 : 6);
    const group = select(ref.current);
    group.call(axis);
    group.select('.domain').attr('class', orient === 'left' ? 'domain dpc-hidden' : 'domain');
  }, [scale, orient, tickValues, format]);
  return <g ref={ref} className="dpc-axis" transform={transform} />;
}
