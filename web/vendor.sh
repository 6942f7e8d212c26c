#!/usr/bin/env bash
# Copy the pinned front-end libraries from the npm registry into the Python package, so that the
# web page works offline and `pip install` needs no Node.js. Run by `make vendor`; the copies are
# committed.
set -euo pipefail
cd "$(dirname "$0")"
# --ignore-scripts: nothing vendored needs an install script (swagger-ui-dist pulls in @scarf/scarf,
# whose install script reports downloads to a remote server)
npm ci --ignore-scripts --no-audit --no-fund --silent
out=../src/storyworld/web/static/vendor
rm -rf "$out" && mkdir -p "$out/images"
cp node_modules/leaflet/dist/leaflet.js node_modules/leaflet/dist/leaflet.css "$out/"
cp node_modules/leaflet/dist/images/*.png "$out/images/"
cp node_modules/leaflet.markercluster/dist/leaflet.markercluster.js \
   node_modules/leaflet.markercluster/dist/MarkerCluster.css \
   node_modules/leaflet.markercluster/dist/MarkerCluster.Default.css "$out/"
cp node_modules/topojson-client/dist/topojson-client.min.js "$out/"
cp node_modules/world-atlas/countries-50m.json "$out/"
# /docs: Swagger UI from these copies, not a CDN; the bundle's list of the licences it contains beside it
cp node_modules/swagger-ui-dist/swagger-ui-bundle.js node_modules/swagger-ui-dist/swagger-ui-bundle.js.LICENSE.txt \
   node_modules/swagger-ui-dist/swagger-ui.css "$out/"
cp node_modules/swagger-ui-dist/NOTICE "$out/NOTICE.swagger-ui-dist"
for pkg in leaflet leaflet.markercluster topojson-client world-atlas swagger-ui-dist; do
  cp "node_modules/$pkg/"LICEN[CS]E* "$out/LICENSE.$pkg" 2>/dev/null || cp "node_modules/$pkg/"MIT-LICEN[CS]E* "$out/LICENSE.$pkg"
done
echo "vendored into $out"
