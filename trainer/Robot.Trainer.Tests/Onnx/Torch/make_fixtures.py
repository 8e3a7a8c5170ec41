#!/usr/bin/env python3
# The ONNX fixtures of OnnxTests, made by PyTorch's own exporter (torch.onnx.export), as a Python user
# exports the actor of a policy trained with Stable-Baselines3 or CleanRL. Made with Debian 12's
# python3-torch 1.13.1 and python3-numpy 1.24.2 (apt-get install python3-torch), never at test time:
#   /usr/bin/python3 trainer/Robot.Trainer.Tests/Onnx/Torch/make_fixtures.py
# Each model comes with its reference: 50 observations and PyTorch's outputs for them (CSV, 9
# significant digits, float32 exactly).
import csv
import math
import os

import numpy as np
import torch
from torch import nn

here = os.path.dirname(os.path.abspath(__file__))


class Sb3CartPoleActor(nn.Module):
    """SB3's MlpPolicy actor for CartPole (PPO): policy_net 64-64 tanh, then action_net to the 2 logits."""

    def __init__(self):
        super().__init__()
        self.policy_net = nn.Sequential(nn.Linear(4, 64), nn.Tanh(), nn.Linear(64, 64), nn.Tanh())
        self.action_net = nn.Linear(64, 2)

    def forward(self, obs):
        return self.action_net(self.policy_net(obs))


class CleanRlUniwheelActor(nn.Module):
    """CleanRL's continuous PPO actor for the uniwheel's 5 observations, normalized by constant statistics
    (as VecNormalize keeps them), with its state-independent log-std as a second output."""

    def __init__(self, mean, std):
        super().__init__()
        self.register_buffer("obs_mean", mean)
        self.register_buffer("obs_std", std)
        self.actor_mean = nn.Sequential(nn.Linear(5, 64), nn.Tanh(), nn.Linear(64, 64), nn.Tanh(), nn.Linear(64, 1))
        self.actor_logstd = nn.Parameter(torch.full((1, 1), -0.5))

    def forward(self, obs):
        x = torch.clamp((obs - self.obs_mean) / self.obs_std, -10.0, 10.0)
        return self.actor_mean(x), self.actor_logstd.expand(obs.shape[0], 1)


def export(model, n, outputs, name, seed):
    model.eval()
    torch.onnx.export(model, torch.zeros(1, n), os.path.join(here, name + ".onnx"), input_names=["obs"],
                      output_names=outputs, dynamic_axes={"obs": {0: "batch"}}, opset_version=13)
    rng = np.random.default_rng(seed)
    obs = rng.uniform(-2.0, 2.0, size=(50, n)).astype(np.float32)
    with torch.no_grad():
        out = model(torch.from_numpy(obs))
        first = (out[0] if isinstance(out, tuple) else out).numpy()
    with open(os.path.join(here, name + ".csv"), "w", newline="") as f:
        w = csv.writer(f)
        w.writerow([f"obs{i}" for i in range(n)] + [f"out{j}" for j in range(first.shape[1])])
        for o, y in zip(obs, first):
            w.writerow([f"{v:.9g}" for v in o] + [f"{v:.9g}" for v in y])


torch.manual_seed(0)
export(Sb3CartPoleActor(), 4, ["logits"], "sb3-cartpole-actor", 1)
torch.manual_seed(1)
export(CleanRlUniwheelActor(torch.tensor([0.01, -0.02, 0.1, 0.0, 0.05]), torch.tensor([0.05, 0.5, 0.2, 0.3, 0.1])),
       5, ["mean", "log_std"], "cleanrl-uniwheel-actor", 2)


# ELU and sigmoid hidden layers (the policy format's version-3 activations), as PyTorch exports them (Elu carries alpha=1).
torch.manual_seed(4)
export(nn.Sequential(nn.Linear(5, 32), nn.ELU(), nn.Linear(32, 32), nn.Sigmoid(), nn.Linear(32, 1)), 5, ["mean"],
       "elu-sigmoid-uniwheel-actor", 5)


class PixelCartPoleActor(nn.Module):
    """A small CNN actor for CartPole from pixels (its 2 stacked 50x100 frames, values 0-255), as an SB3
    CnnPolicy's features extractor and action net are built: obs / 255, two convolutions, a dense head."""

    def __init__(self):
        super().__init__()
        self.cnn = nn.Sequential(nn.Conv2d(2, 8, 5, stride=2, padding=1), nn.ReLU(), nn.Conv2d(8, 8, 3, stride=2), nn.ReLU(), nn.Flatten())
        self.linear = nn.Sequential(nn.Linear(8 * 11 * 24, 32), nn.ReLU())
        self.action_net = nn.Linear(32, 2)

    def forward(self, obs):
        return self.action_net(self.linear(self.cnn(obs / 255.0)))


def export_pixels(name, seed):
    model = PixelCartPoleActor().eval()
    torch.onnx.export(model, torch.zeros(1, 2, 50, 100), os.path.join(here, name + ".onnx"), input_names=["obs"],
                      output_names=["logits"], dynamic_axes={"obs": {0: "batch"}}, opset_version=13)
    rng = np.random.default_rng(seed)
    obs = rng.integers(0, 256, size=(4, 2, 50, 100)).astype(np.float32)
    with torch.no_grad():
        out = model(torch.from_numpy(obs)).numpy()
    with open(os.path.join(here, name + ".csv"), "w", newline="") as f:
        w = csv.writer(f)
        w.writerow([f"obs{i}" for i in range(2 * 50 * 100)] + ["out0", "out1"])
        for o, y in zip(obs, out):
            w.writerow([f"{v:.9g}" for v in o.reshape(-1)] + [f"{v:.9g}" for v in y])


torch.manual_seed(2)
export_pixels("pixel-cartpole-actor", 3)


# A trained actor, and its returns as Python measures them. Gymnasium itself is not installable here (no PyPI), so
# CartPole-v1 is written out below from its definition (gymnasium/envs/classic_control/cartpole.py, 0.29-1.0: Euler
# steps of 0.02 s, the float64 state, float32 observations, reset by numpy's default_rng(seed).uniform(-0.05, 0.05, 4),
# 500 steps). The SB3 actor is trained by REINFORCE for 20 updates of 4,000 steps, stopped early on purpose: its greedy
# episodes end at many different lengths, so equal returns mean the very same episodes step for step.
def cartpole_step(state, action):
    gravity, masscart, masspole, length, force_mag, tau = 9.8, 1.0, 0.1, 0.5, 10.0, 0.02
    total_mass, polemass_length = masspole + masscart, masspole * length
    x, x_dot, theta, theta_dot = state
    force = force_mag if action == 1 else -force_mag
    costheta, sintheta = math.cos(theta), math.sin(theta)
    temp = (force + polemass_length * np.square(theta_dot) * sintheta) / total_mass
    thetaacc = (gravity * sintheta - costheta * temp) / (length * (4.0 / 3.0 - masspole * np.square(costheta) / total_mass))
    xacc = temp - polemass_length * thetaacc * costheta / total_mass
    x, x_dot = x + tau * x_dot, x_dot + tau * xacc
    theta, theta_dot = theta + tau * theta_dot, theta_dot + tau * thetaacc
    state = np.array((x, x_dot, theta, theta_dot), dtype=np.float64)
    limit = 12 * 2 * math.pi / 360
    return state, bool(x < -2.4 or x > 2.4 or theta < -limit or theta > limit)


def greedy_return(model, seed):
    state = np.random.default_rng(seed).uniform(low=-0.05, high=0.05, size=(4,))
    for t in range(500):
        with torch.no_grad():
            action = int(model(torch.from_numpy(np.array(state, dtype=np.float32))).argmax())
        state, terminated = cartpole_step(state, action)
        if terminated:
            return t + 1
    return 500


def train_sb3_cartpole(updates, seed):
    torch.manual_seed(seed)
    rng = np.random.default_rng(seed)
    model = Sb3CartPoleActor()
    optimizer = torch.optim.Adam(model.parameters(), lr=3e-3)
    for _ in range(updates):
        observations, actions, returns_to_go = [], [], []
        while len(observations) < 4000:
            state, length = rng.uniform(-0.05, 0.05, size=(4,)), 0
            for _ in range(500):
                obs = np.array(state, dtype=np.float32)
                with torch.no_grad():
                    p_right = float(torch.softmax(model(torch.from_numpy(obs)), -1)[1])
                action = int(rng.random() < p_right)
                observations.append(obs)
                actions.append(action)
                length += 1
                state, terminated = cartpole_step(state, action)
                if terminated:
                    break
            returns_to_go += range(length, 0, -1)
        g = torch.tensor(returns_to_go, dtype=torch.float32)
        advantage = (g - g.mean()) / (g.std() + 1e-8)
        log_p = torch.log_softmax(model(torch.from_numpy(np.array(observations))), -1)[torch.arange(len(actions)), torch.tensor(actions)]
        loss = -(log_p * advantage).mean()
        optimizer.zero_grad()
        loss.backward()
        optimizer.step()
    return model.eval()


trained = train_sb3_cartpole(20, 3)
torch.onnx.export(trained, torch.zeros(1, 4), os.path.join(here, "sb3-cartpole-trained.onnx"), input_names=["obs"],
                  output_names=["logits"], dynamic_axes={"obs": {0: "batch"}}, opset_version=13)
with open(os.path.join(here, "sb3-cartpole-trained-returns.csv"), "w", newline="") as f:
    w = csv.writer(f)
    w.writerow(["seed", "return"])
    for seed in range(100):
        w.writerow([seed, greedy_return(trained, seed)])
