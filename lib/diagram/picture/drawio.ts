/**
 * A laid-out picture as a draw.io file (mxGraph XML: `mxfile` → `diagram` → `mxGraphModel`): each phase a
 * container, each node draw.io's AWS 4 resource icon (`shape=mxgraph.aws4.resourceIcon;resIcon=mxgraph.aws4.
 * <name>`, so diagrams.net shows the official icon and lets it be edited like one drawn there), each edge an
 * orthogonal connector with its bends and label. Positions are the SVG's, so both show the same picture.
 */
import { escapeXml } from '../../render/escape-xml.ts';
import type { EdgeKind } from '../graph-types.ts';
import type { Picture } from './layout.ts';
import { SIZES } from './layout.ts';

const GROUP_STYLE =
  'rounded=1;arcSize=4;whiteSpace=wrap;html=1;container=1;collapsible=0;fillColor=#F7F8FA;strokeColor=#AAB7B8;verticalAlign=top;align=left;spacingLeft=10;spacingTop=4;fontStyle=1;fontSize=16;fontColor=#232F3E;';

const nodeStyle = (drawio: string, fill: string) =>
  `sketch=0;outlineConnect=0;fontColor=#232F3E;gradientColor=none;fillColor=${fill};strokeColor=#ffffff;dashed=0;verticalLabelPosition=bottom;verticalAlign=top;align=center;html=1;fontSize=15;fontStyle=0;aspect=fixed;shape=mxgraph.aws4.resourceIcon;resIcon=mxgraph.aws4.${drawio};`;

const EDGE_DASH: Readonly<Record<EdgeKind, string>> = {
  data: '',
  trigger: 'dashed=1;dashPattern=6 4;',
  reference: 'dashed=1;dashPattern=2 4;',
};

const n = (value: number) => Number(value.toFixed(1));
const attr = (text: string) => escapeXml(text).replace(/\n/g, '&#10;');

/** The draw.io file of a picture; `name` is the page's name in diagrams.net. */
export function pictureToDrawio(picture: Picture, name: string): string {
  const cells: string[] = ['<mxCell id="0"/>', '<mxCell id="1" parent="0"/>'];
  for (const group of picture.groups) {
    cells.push(
      `<mxCell id="${group.id}" value="${attr(group.title)}" style="${GROUP_STYLE}" vertex="1" parent="1"><mxGeometry x="${n(group.x)}" y="${n(group.y)}" width="${n(group.width)}" height="${n(group.height)}" as="geometry"/></mxCell>`,
    );
  }
  for (const node of picture.nodes) {
    const group = picture.groups.find(
      (g) => node.x >= g.x && node.x <= g.x + g.width && node.y >= g.y && node.y <= g.y + g.height,
    );
    // The icon is the cell; its label hangs below it, as in draw.io's own AWS shapes.
    const x = node.x + (node.width - SIZES.icon) / 2 - (group?.x ?? 0);
    const y = node.y - (group?.y ?? 0);
    cells.push(
      `<mxCell id="${node.id}" value="${attr(node.node.label)}" tooltip="${attr(`${node.node.kind}: ${node.node.stack}/${node.node.logicalId}`)}" style="${nodeStyle(node.icon.drawio, node.icon.fill)}" vertex="1" parent="${group?.id ?? '1'}"><mxGeometry x="${n(x)}" y="${n(y)}" width="${SIZES.icon}" height="${SIZES.icon}" as="geometry"/></mxCell>`,
    );
  }
  for (const edge of picture.edges) {
    const bends = edge.points.slice(1, -1);
    const points = bends.length
      ? `<Array as="points">${bends.map((p) => `<mxPoint x="${n(p.x)}" y="${n(p.y)}"/>`).join('')}</Array>`
      : '';
    const style = `edgeStyle=orthogonalEdgeStyle;rounded=0;html=1;endArrow=block;endFill=1;${edge.edge.twoWay ? 'startArrow=block;startFill=1;' : ''}strokeColor=#545B64;fontColor=#545B64;fontSize=15;labelBackgroundColor=#FFFFFF;${EDGE_DASH[edge.edge.kind]}`;
    cells.push(
      `<mxCell id="${edge.id}" value="${attr(edge.edge.label)}" style="${style}" edge="1" parent="1" source="${edge.edge.from}" target="${edge.edge.to}"><mxGeometry relative="1" as="geometry">${points}</mxGeometry></mxCell>`,
    );
  }
  return [
    '<mxfile host="aws-data-launchpad" type="device">',
    `<diagram id="${attr(name)}" name="${attr(name)}">`,
    `<mxGraphModel dx="${picture.width}" dy="${picture.height}" grid="1" gridSize="10" guides="1" tooltips="1" connect="1" arrows="1" fold="1" page="1" pageScale="1" pageWidth="${picture.width}" pageHeight="${picture.height}" math="0" shadow="0">`,
    '<root>',
    ...cells,
    '</root>',
    '</mxGraphModel>',
    '</diagram>',
    '</mxfile>',
    '',
  ].join('\n');
}
