"""Independent NumPy reference of the trainer's MLP: reads a JSON problem on stdin, writes JSON results.

Full-batch training in float64: forward z = a W^T + b, activations, loss (mse, bce on logits of a
sigmoid output, softmax cross-entropy on linear logits), backward by hand, then sgd / momentum
(PyTorch formulation, optional Nesterov) / adam with L2 (l2 * W) and L1 (l1 * sign(W)) added to the
weight gradients (not to the biases).
"""
import json
import sys

import numpy as np

C = np.sqrt(2.0 / np.pi)


def act(name, z):
    if name == "linear":
        return z
    if name == "sigmoid":
        return 1.0 / (1.0 + np.exp(-z))
    if name == "tanh":
        return np.tanh(z)
    if name == "relu":
        return np.where(z > 0, z, 0.0)
    if name == "leakyRelu":
        return np.where(z > 0, z, 0.01 * z)
    if name == "gelu":
        return 0.5 * z * (1 + np.tanh(C * (z + 0.044715 * z ** 3)))
    raise ValueError(name)


def dact(name, z):
    if name == "linear":
        return np.ones_like(z)
    if name == "sigmoid":
        s = 1.0 / (1.0 + np.exp(-z))
        return s * (1 - s)
    if name == "tanh":
        return 1 - np.tanh(z) ** 2
    if name == "relu":
        return (z > 0).astype(float)
    if name == "leakyRelu":
        return np.where(z > 0, 1.0, 0.01)
    if name == "gelu":
        t = np.tanh(C * (z + 0.044715 * z ** 3))
        return 0.5 * (1 + t) + 0.5 * z * (1 - t * t) * C * (1 + 3 * 0.044715 * z * z)
    raise ValueError(name)


def loss_and_dz(loss, z, a, y, act_name):
    n = z.shape[0]
    if loss == "mse":
        d = a - y
        return np.mean(d * d), (2 * d / d.size) * dact(act_name, z)
    if loss == "bce":
        val = np.maximum(z, 0) - z * y + np.log1p(np.exp(-np.abs(z)))
        return np.mean(val), (1.0 / (1.0 + np.exp(-z)) - y) / z.size
    if loss == "softmaxCrossEntropy":
        m = z.max(axis=1, keepdims=True)
        logp = z - m - np.log(np.exp(z - m).sum(axis=1, keepdims=True))
        return -(y * logp).sum() / n, (np.exp(logp) - y) / n
    raise ValueError(loss)


def main():
    p = json.load(sys.stdin)
    x = np.array(p["x"], dtype=np.float64)
    y = np.array(p["y"], dtype=np.float64)
    layers = [
        {"W": np.array(l["W"], dtype=np.float64), "b": np.array(l["b"], dtype=np.float64), "act": l["activation"]}
        for l in p["layers"]
    ]
    opt = p["optimizer"]
    l2 = p.get("l2", 0.0)
    l1 = p.get("l1", 0.0)
    state = [{"vW": np.zeros_like(l["W"]), "vb": np.zeros_like(l["b"]), "mW": np.zeros_like(l["W"]),
              "mb": np.zeros_like(l["b"]), "sW": np.zeros_like(l["W"]), "sb": np.zeros_like(l["b"])} for l in layers]
    losses = []
    for t in range(1, p["steps"] + 1):
        zs, acts = [], [x]
        for l in layers:
            z = acts[-1] @ l["W"].T + l["b"]
            zs.append(z)
            acts.append(act(l["act"], z))
        loss, dz = loss_and_dz(p["loss"], zs[-1], acts[-1], y, layers[-1]["act"])
        losses.append(float(loss))
        grads = [None] * len(layers)
        for i in reversed(range(len(layers))):
            gW = dz.T @ acts[i]
            gb = dz.sum(axis=0)
            grads[i] = (gW, gb)
            if i > 0:
                dz = (dz @ layers[i]["W"]) * dact(layers[i - 1]["act"], zs[i - 1])
        for l, s, (gW, gb) in zip(layers, state, grads):
            gW = gW + l2 * l["W"] + l1 * np.sign(l["W"])
            for key, g, v, m, sq in (("W", gW, "vW", "mW", "sW"), ("b", gb, "vb", "mb", "sb")):
                if opt["kind"] == "sgd":
                    l[key] = l[key] - opt["lr"] * g
                elif opt["kind"] == "momentum":
                    s[v] = opt["momentum"] * s[v] + g
                    upd = g + opt["momentum"] * s[v] if opt.get("nesterov") else s[v]
                    l[key] = l[key] - opt["lr"] * upd
                else:
                    b1, b2, eps = opt.get("beta1", 0.9), opt.get("beta2", 0.999), opt.get("epsilon", 1e-8)
                    s[m] = b1 * s[m] + (1 - b1) * g
                    s[sq] = b2 * s[sq] + (1 - b2) * g * g
                    mhat = s[m] / (1 - b1 ** t)
                    vhat = s[sq] / (1 - b2 ** t)
                    l[key] = l[key] - opt["lr"] * mhat / (np.sqrt(vhat) + eps)
    json.dump({"losses": losses, "layers": [{"W": l["W"].tolist(), "b": l["b"].tolist()} for l in layers]}, sys.stdout)


if __name__ == "__main__":
    main()
