// The page the viewer tests load: inspect's log viewer (@metrevals/inspect-log-viewer, the React app `inspect view`
// serves) mounted as `inspect view bundle` mounts it, reading the log folder "logs" beside the page over plain HTTP.
import { createRoot } from "react-dom/client";
import { App, clientApi, simpleHttpApi, initializeStore } from "@metrevals/inspect-log-viewer";
import "@metrevals/inspect-log-viewer/styles/index.css";

const api = clientApi(simpleHttpApi("logs"));
initializeStore(api, { downloadFiles: false, downloadLogs: false, webWorkers: true, streamSamples: false, streamSampleData: false });
createRoot(document.getElementById("app")).render(<App api={api} />);
