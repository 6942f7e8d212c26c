// /docs: starts the vendored Swagger UI (a file, not an inline script: the CSP allows none).
// A POST tried from this page carries the server's token, read same-origin from /api/token,
// as any client of the API must.
"use strict";
(function () {
  let token = null;

  async function writeToken() {
    if (token === null) {
      const response = await fetch("/api/token", {credentials: "same-origin"});
      token = (await response.json()).token;
    }
    return token;
  }

  window.ui = SwaggerUIBundle({
    url: "/openapi.json",
    dom_id: "#swagger-ui",
    deepLinking: true,
    validatorUrl: null, // the badge would ask validator.swagger.io: nothing leaves the machine
    requestInterceptor: async (request) => {
      if (request.method && !["GET", "HEAD"].includes(request.method.toUpperCase())) {
        request.headers["X-Storyworld-Token"] = await writeToken();
      }
      return request;
    },
  });
})();
