// The ground station's page: follows the robot's telemetry stream (server-sent events) into five
// rolling plots, and sends commands with the token. The velocity command is re-sent ten times a
// second while the page is open; when the page stops sending, the robot's dead-man rule sets it back to 0.
"use strict";

const windowSeconds = 10;
const sendPeriodMs = 100;
const series = { t: [], pitch: [], position: [], velocity: [], target: [], duty: [], late: [] };
let token = new URLSearchParams(location.hash.slice(1)).get("token") || sessionStorage.getItem("robot-token") || "";
let received = 0;
let t0 = null; // the first sample's time on the robot's clock: the plots count from it
let drives = false;
const $ = id => document.getElementById(id);

function layout(title, unit) {
  return { title: { text: title, font: { size: 13 }, x: 0.02, xanchor: "left" }, margin: { l: 50, r: 10, t: 28, b: 32 }, showlegend: true,
           legend: { x: 1, xanchor: "right", y: 1, bgcolor: "rgba(255,255,255,0.7)", font: { size: 10 } },
           xaxis: { title: { text: "s" } }, yaxis: { title: { text: unit }, exponentformat: "none" }, datarevision: 0 };
}
const plots = {
  "plot-pitch": { layout: layout("Pitch", "deg"), traces: () => [{ x: series.t, y: series.pitch, name: "pitch" }] },
  "plot-velocity": { layout: layout("Velocity and its target", "m/s"), traces: () => [
      { x: series.t, y: series.velocity, name: "velocity" }, { x: series.t, y: series.target, name: "target", line: { dash: "dot" } }] },
  "plot-position": { layout: layout("Position (driving: from the moving target)", "m"), traces: () => [{ x: series.t, y: series.position, name: "position" }] },
  "plot-duty": { layout: layout("Motor duty", ""), traces: () => [{ x: series.t, y: series.duty, name: "duty" }] },
  "plot-timing": { layout: layout("Loop lateness", "us"), traces: () => [{ x: series.t, y: series.late, name: "lateness" }] },
};
for (const [id, p] of Object.entries(plots)) Plotly.newPlot(id, p.traces(), p.layout, { displayModeBar: false, responsive: true });

// Redrawn at most four times a second, and not while the tab is hidden: the plots are for people,
// and a browser on the robot's own computer (the simulated one) shares its cores with the loop.
const redrawPeriodMs = 250;
let lastDrawn = 0;
function redraw() {
  const now = performance.now();
  if (document.hidden || now - lastDrawn < redrawPeriodMs) return;
  lastDrawn = now;
  // The series are the same arrays, grown and trimmed in place: a new datarevision tells Plotly they changed.
  for (const [id, p] of Object.entries(plots)) { p.layout.datarevision++; Plotly.react(id, p.traces(), p.layout); }
}

function take(samples) {
  for (const [t, pitch, position, velocity, target, duty, late] of samples) {
    if (t0 === null) t0 = t;
    series.t.push(t - t0); series.pitch.push(pitch * 180 / Math.PI); series.position.push(position);
    series.velocity.push(velocity); series.target.push(target); series.duty.push(duty); series.late.push(late);
  }
  const last = series.t.length ? series.t[series.t.length - 1] : 0;
  let drop = 0;
  while (drop < series.t.length && series.t[drop] < last - windowSeconds) drop++;
  if (drop) for (const k of Object.keys(series)) series[k].splice(0, drop);
  received += samples.length;
  $("samples").textContent = received;
  $("samples").dataset.count = received;
}

function showStatus(s) {
  $("state").textContent = s.state;
  $("state").dataset.state = s.state;
  $("status").textContent = `state ${s.state}\ntarget ${s.target_m_s.toFixed(2)} m/s\nloop lateness p99 ${(s.lateness_p99_us ?? 0).toFixed(0)} us, max ${(s.lateness_max_us ?? 0).toFixed(0)} us\n` +
    `ticks ${s.ticks}, overruns ${s.overruns}, telemetry dropped ${s.telemetry_dropped}` + (s.arm_refusal ? `\narm refused: ${s.arm_refusal}` : "");
  $("faults").textContent = s.faults.length ? s.faults.map(f => `${f.cause} at ${f.time_s.toFixed(3)} s: ${f.detail}`).join("\n") : "none";
}

function connect() {
  const stream = new EventSource("/api/stream");
  stream.onopen = () => { $("link").textContent = "live"; };
  stream.onmessage = e => { const m = JSON.parse(e.data); take(m.samples); showStatus(m.status); redraw(); };
  stream.onerror = () => { $("link").textContent = "reconnecting..."; };
}

async function command(path, body) {
  if (!token) { $("message").textContent = "read-only: enter the token printed on the robot's console"; return null; }
  const response = await fetch(path, { method: "POST", headers: { "Authorization": "Bearer " + token, "Content-Type": "application/json" },
                                       body: body ? JSON.stringify(body) : "{}" });
  const answer = await response.json().catch(() => ({ ok: false, error: `HTTP ${response.status}` }));
  $("message").textContent = answer.ok ? "" : `${path}: ${answer.error || "HTTP " + response.status}`;
  return answer;
}

function useToken(value) {
  token = value.trim();
  sessionStorage.setItem("robot-token", token);
  $("mode").textContent = token ? "commands enabled" : "read-only: commands need the token";
}

$("use-token").onclick = () => useToken($("token").value);
$("arm").onclick = () => command("/api/arm");
$("disarm").onclick = () => command("/api/disarm");
$("clear").onclick = () => command("/api/clear");
$("stop").onclick = () => { setVelocity(0); command("/api/stop"); };
$("zero").onclick = () => setVelocity(0);
$("velocity").oninput = () => { $("velocity-value").textContent = Number($("velocity").value).toFixed(2); };

function setVelocity(v) {
  $("velocity").value = v;
  $("velocity-value").textContent = Number(v).toFixed(2);
}

// The joystick's heartbeat: the command, ten times a second, while this page is open and the policy drives.
setInterval(() => { if (token && drives) command("/api/velocity", { velocity_m_s: Number($("velocity").value) }); }, sendPeriodMs);

fetch("/api/info").then(r => r.json()).then(info => {
  drives = info.policy.drives;
  $("policy").textContent = JSON.stringify(info.policy, null, 2);
  $("robot").textContent = JSON.stringify(info.robot_json, null, 2);
  $("velocity").min = -info.envelope_m_s; $("velocity").max = info.envelope_m_s;
  $("drive-note").textContent = drives ? `envelope +-${info.envelope_m_s} m/s; back to 0 within ${info.dead_man_s * 1000} ms if this page stops sending`
                                       : "this policy balances in place only: no velocity command";
  $("velocity").disabled = !drives;
});
if (token) useToken(token);
connect();
