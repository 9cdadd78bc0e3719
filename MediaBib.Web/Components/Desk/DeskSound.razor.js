// Optional desk sounds: a short high beep for a done scan, a low buzz for a refusal. Off by default; the choice is
// kept in this browser (localStorage), per workstation, not per account.
const key = 'mediabib.desk.sound';
let audio;

export function isEnabled() {
    return localStorage.getItem(key) === 'on';
}

export function setEnabled(on) {
    localStorage.setItem(key, on ? 'on' : 'off');
}

export function beep(ok) {
    if (!isEnabled()) {
        return;
    }
    const Context = window.AudioContext || window.webkitAudioContext;
    if (!Context) {
        return;
    }
    audio ??= new Context();
    const oscillator = audio.createOscillator();
    const gain = audio.createGain();
    oscillator.type = ok ? 'sine' : 'square';
    oscillator.frequency.value = ok ? 880 : 196;
    gain.gain.value = ok ? 0.06 : 0.08;
    oscillator.connect(gain);
    gain.connect(audio.destination);
    const now = audio.currentTime;
    oscillator.start(now);
    oscillator.stop(now + (ok ? 0.08 : 0.35));
}
